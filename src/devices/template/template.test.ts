import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  MAX_SOURCE,
  render,
  renderTemplate,
  type CompiledTemplate,
  type TemplateVars,
} from './template';

// Expected outputs in the first two tables are what Jinja2 3.1 itself renders (sandboxed as in
// Home Assistant, with HA's round / is_defined / iif / multiply / to_json emulated, output
// stripped as HA strips it), generated once with Python and pasted here: the engine is
// checked against Jinja, not against what we believe Jinja does.

function compile(source: string): CompiledTemplate {
  const compiled = compileTemplate(source);
  if (!compiled.ok) throw new Error(`${compiled.reason}: ${compiled.message}`);
  return compiled;
}

function run(source: string, value: unknown, extra: Record<string, unknown> = {}) {
  const result = render(compile(source), { value, ...extra });
  return result.ok ? result.text : result;
}

type DeviceRow = readonly [
  origin: string,
  source: string,
  value: unknown,
  expected: string,
  extra?: Record<string, unknown>,
];

/**
 * Templates as the devices' discovery configs ship them (Zigbee2MQTT's
 * lib/extension/homeassistant.ts, Tasmota's xdrv_12_home_assistant, ESPHome's plain payloads,
 * the Shelly discovery script's TPL_*, OpenMQTTGateway's `| is_defined`, HA's documentation),
 * with payloads shaped as those devices send them, and command templates with the value sent.
 */
const DEVICES: readonly DeviceRow[] = [
  // Zigbee2MQTT
  [
    'Zigbee2MQTT',
    '{{ value_json.temperature }}',
    '{"temperature":21.37,"humidity":55.2,"pressure":1012.4,"battery":97,"voltage":2995,"linkquality":120}',
    '21.37',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.humidity }}',
    '{"temperature":21.37,"humidity":55.2,"pressure":1012.4,"battery":97,"voltage":2995,"linkquality":120}',
    '55.2',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.pressure }}',
    '{"temperature":21.37,"humidity":55.2,"pressure":1012.4,"battery":97,"voltage":2995,"linkquality":120}',
    '1012.4',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.voltage }}',
    '{"temperature":21.37,"humidity":55.2,"pressure":1012.4,"battery":97,"voltage":2995,"linkquality":120}',
    '2995',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.linkquality }}',
    '{"temperature":21.37,"humidity":55.2,"pressure":1012.4,"battery":97,"voltage":2995,"linkquality":120}',
    '120',
  ],
  ['Zigbee2MQTT', '{{ value_json.contact }}', '{"contact":false,"battery":100}', 'False'],
  ['Zigbee2MQTT', '{{ value_json.occupancy }}', '{"occupancy":true,"illuminance_lux":12}', 'True'],
  ['Zigbee2MQTT', '{{ value_json.water_leak }}', '{"water_leak":false}', 'False'],
  [
    'Zigbee2MQTT',
    '{{ value_json.state }}',
    '{"state":"ON","brightness":254,"color_temp":370}',
    'ON',
  ],
  ['Zigbee2MQTT', '{{ value_json.state_l1 }}', '{"state_l1":"OFF","state_l2":"ON"}', 'OFF'],
  [
    'Zigbee2MQTT',
    '{{ value_json.local_temperature }}',
    '{"local_temperature":19.5,"occupied_heating_setpoint":21,"system_mode":"heat"}',
    '19.5',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.occupied_heating_setpoint }}',
    '{"local_temperature":19.5,"occupied_heating_setpoint":21,"system_mode":"heat"}',
    '21',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.system_mode }}',
    '{"local_temperature":19.5,"occupied_heating_setpoint":21,"system_mode":"heat"}',
    'heat',
  ],
  [
    'Zigbee2MQTT',
    "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
    '{"running_state":"heat"}',
    'heating',
  ],
  [
    'Zigbee2MQTT',
    "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
    '{"running_state":"idle"}',
    'idle',
  ],
  [
    'Zigbee2MQTT',
    "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
    '{"running_state":null}',
    'None',
  ],
  [
    'Zigbee2MQTT',
    "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
    '{"running_state":"dry"}',
    '',
  ],
  [
    'Zigbee2MQTT',
    '{% if "running" in value_json and value_json.running %} {% if value_json.position > 0 %} closing {% else %} opening {% endif %} {% else %} stopped {% endif %}',
    '{"running":true,"position":40}',
    'closing',
  ],
  [
    'Zigbee2MQTT',
    '{% if "running" in value_json and value_json.running %} {% if value_json.position > 0 %} closing {% else %} opening {% endif %} {% else %} stopped {% endif %}',
    '{"running":true,"position":0}',
    'opening',
  ],
  [
    'Zigbee2MQTT',
    '{% if "running" in value_json and value_json.running %} {% if value_json.position > 0 %} closing {% else %} opening {% endif %} {% else %} stopped {% endif %}',
    '{"running":false,"position":40}',
    'stopped',
  ],
  [
    'Zigbee2MQTT',
    '{% if "running" in value_json and value_json.running %} {% if value_json.position > 0 %} closing {% else %} opening {% endif %} {% else %} stopped {% endif %}',
    '{"position":40}',
    'stopped',
  ],
  [
    'Zigbee2MQTT',
    '{% if "motor_state" in value_json and value_json.motor_state %} {{ value_json.motor_state }} {% else %} stopped {% endif %}',
    '{"motor_state":"opening","position":30}',
    'opening',
  ],
  [
    'Zigbee2MQTT',
    '{% if "motor_state" in value_json and value_json.motor_state %} {{ value_json.motor_state }} {% else %} stopped {% endif %}',
    '{"motor_state":"","position":30}',
    'stopped',
  ],
  [
    'Zigbee2MQTT',
    '{% if value_json.child_lock %} true {% else %} false {% endif %}',
    '{"child_lock":true}',
    'true',
  ],
  [
    'Zigbee2MQTT',
    '{% if value_json.child_lock %} true {% else %} false {% endif %}',
    '{"child_lock":false}',
    'false',
  ],
  [
    'Zigbee2MQTT',
    "{{ {'off':0, 'low':1, 'medium':2, 'high':3}[value_json.fan_mode] | default('None') }}",
    '{"fan_mode":"medium"}',
    '2',
  ],
  [
    'Zigbee2MQTT',
    "{{ {'off':0, 'low':1, 'medium':2, 'high':3}[value_json.fan_mode] | default('None') }}",
    '{"fan_mode":"smart"}',
    'None',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json.fan_mode if value_json.fan_mode in ['on', 'auto', 'smart'] else 'None' | default('None') }}",
    '{"fan_mode":"auto"}',
    'auto',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json.fan_mode if value_json.fan_mode in ['on', 'auto', 'smart'] else 'None' | default('None') }}",
    '{"fan_mode":"low"}',
    'None',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json['update']['state'] }}",
    '{"update":{"state":"available","installed_version":16777241,"latest_version":16777252},"state":"ON"}',
    'available',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json['update']['state'] == \"available\" }}",
    '{"update":{"state":"available","installed_version":16777241,"latest_version":16777252},"state":"ON"}',
    'True',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json['update']['installed_version'] }}",
    '{"update":{"state":"available","installed_version":16777241,"latest_version":16777252},"state":"ON"}',
    '16777241',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json['update']['latest_version'] }}",
    '{"update":{"state":"available","installed_version":16777241,"latest_version":16777252},"state":"ON"}',
    '16777252',
  ],
  [
    'Zigbee2MQTT',
    "{\"in_progress\": {{ iif(value_json['update']['state'] == 'updating', 'true', 'false') }} }",
    '{"update":{"state":"available","installed_version":16777241,"latest_version":16777252},"state":"ON"}',
    '{"in_progress": false }',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json.program|default('',True) | truncate(254, True, '', 0) }}",
    '{"program":null}',
    '',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json.program|default('',True) | truncate(254, True, '', 0) }}",
    '{"program":"weekdays 06:00 21C, 22:00 17C"}',
    'weekdays 06:00 21C, 22:00 17C',
  ],
  [
    'Zigbee2MQTT',
    "{{ value_json.program|default('',True) | truncate(254, True, '', 0) }}",
    JSON.stringify({ program: 'x'.repeat(300) }),
    'x'.repeat(254),
  ],
  ['Zigbee2MQTT', '{{ value_json.state }}', '{"state":"online"}', 'online'],
  ['Zigbee2MQTT', '{{ "offline" }}', '{"state":"online"}', 'offline'],
  ['Zigbee2MQTT', '{{ value }}', 'online', 'online'],
  ['Zigbee2MQTT', '{{ value_json.restart_required }}', '{"restart_required":false}', 'False'],
  [
    'Zigbee2MQTT',
    '{{ value_json.last_seen }}',
    '{"last_seen":"2024-03-01T10:00:00+01:00"}',
    '2024-03-01T10:00:00+01:00',
  ],
  ['Zigbee2MQTT', '{{ value_json.click }}', '{"click":"double"}', 'double'],
  [
    'Zigbee2MQTT',
    '{{ value_json.action }}',
    '{"action":"brightness_move_up","action_rate":50}',
    'brightness_move_up',
  ],
  [
    'Zigbee2MQTT',
    '{{ value_json.color.x }}',
    '{"color":{"x":0.4599,"y":0.4106},"color_mode":"xy"}',
    '0.4599',
  ],
  // Tasmota
  ['Tasmota', '{{value_json.POWER}}', '{"POWER":"ON"}', 'ON'],
  [
    'Tasmota',
    '{{value_json.POWER1}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    'OFF',
  ],
  [
    'Tasmota',
    '{{value_json.POWER2}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    'ON',
  ],
  [
    'Tasmota',
    "{{value_json['AM2301']['Temperature']}}",
    '{"Time":"2024-03-01T10:00:00","AM2301":{"Temperature":22.4,"Humidity":51.0},"DS18B20-1":{"Id":"01193C4B2EAA","Temperature":19.9},"TempUnit":"C"}',
    '22.4',
  ],
  [
    'Tasmota',
    "{{value_json['AM2301']['Humidity']}}",
    '{"Time":"2024-03-01T10:00:00","AM2301":{"Temperature":22.4,"Humidity":51.0},"DS18B20-1":{"Id":"01193C4B2EAA","Temperature":19.9},"TempUnit":"C"}',
    '51.0',
  ],
  [
    'Tasmota',
    "{{value_json['DS18B20-1']['Temperature']}}",
    '{"Time":"2024-03-01T10:00:00","AM2301":{"Temperature":22.4,"Humidity":51.0},"DS18B20-1":{"Id":"01193C4B2EAA","Temperature":19.9},"TempUnit":"C"}',
    '19.9',
  ],
  [
    'Tasmota',
    "{{value_json['ENERGY']['Power']}}",
    '{"Time":"2024-03-01T10:00:00","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00","Total":12.345,"Yesterday":0.512,"Today":0.123,"Power":42,"ApparentPower":50,"Factor":0.84,"Voltage":231,"Current":0.21}}',
    '42',
  ],
  [
    'Tasmota',
    "{{value_json['ENERGY']['Total']}}",
    '{"Time":"2024-03-01T10:00:00","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00","Total":12.345,"Yesterday":0.512,"Today":0.123,"Power":42,"ApparentPower":50,"Factor":0.84,"Voltage":231,"Current":0.21}}',
    '12.345',
  ],
  [
    'Tasmota',
    "{{value_json['ENERGY']['Factor']}}",
    '{"Time":"2024-03-01T10:00:00","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00","Total":12.345,"Yesterday":0.512,"Today":0.123,"Power":42,"ApparentPower":50,"Factor":0.84,"Voltage":231,"Current":0.21}}',
    '0.84',
  ],
  [
    'Tasmota',
    "{{value_json['ENERGY']['Power'][1]}}",
    '{"ENERGY":{"Power":[10,25],"Voltage":[230,231]}}',
    '25',
  ],
  ['Tasmota', "{{value_json['COUNTER']['C1']}}", '{"COUNTER":{"C1":1234}}', '1234'],
  [
    'Tasmota',
    '{{value_json.Dimmer}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    '75',
  ],
  [
    'Tasmota',
    '{{value_json.CT}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    '327',
  ],
  [
    'Tasmota',
    '{{value_json.Scheme}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    '0',
  ],
  [
    'Tasmota',
    "{{value_json['Wifi']['RSSI']}}",
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    '76',
  ],
  [
    'Tasmota',
    '{{value_json.Wifi.Signal}}',
    '{"Time":"2024-03-01T10:00:00","Uptime":"0T01:00:00","POWER1":"OFF","POWER2":"ON","Dimmer":75,"CT":327,"Scheme":0,"Wifi":{"AP":1,"SSId":"home","RSSI":76,"Signal":-62}}',
    '-62',
  ],
  ['Tasmota', '{{value_json.Switch1}}', '{"Switch1":"ON"}', 'ON'],
  [
    'Tasmota',
    '{{ value_json.ENERGY.Today | round(2) }}',
    '{"Time":"2024-03-01T10:00:00","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00","Total":12.345,"Yesterday":0.512,"Today":0.123,"Power":42,"ApparentPower":50,"Factor":0.84,"Voltage":231,"Current":0.21}}',
    '0.12',
  ],
  [
    'Tasmota',
    '{{ (value_json.ENERGY.Power / value_json.ENERGY.Voltage) | round(3) }}',
    '{"Time":"2024-03-01T10:00:00","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00","Total":12.345,"Yesterday":0.512,"Today":0.123,"Power":42,"ApparentPower":50,"Factor":0.84,"Voltage":231,"Current":0.21}}',
    '0.182',
  ],
  [
    'Tasmota',
    '{{ value_json.StatusSNS.ANALOG.A0 }}',
    '{"StatusSNS":{"Time":"2024-03-01T10:00:00","ANALOG":{"A0":512}}}',
    '512',
  ],
  [
    'Tasmota',
    "{% if value_json.POWER == 'ON' %}on{% else %}off{% endif %}",
    '{"POWER":"ON"}',
    'on',
  ],
  [
    'Tasmota',
    '{{ value_json.Time }}',
    '{"Time":"2024-03-01T10:00:00","AM2301":{"Temperature":22.4,"Humidity":51.0},"DS18B20-1":{"Id":"01193C4B2EAA","Temperature":19.9},"TempUnit":"C"}',
    '2024-03-01T10:00:00',
  ],
  // ESPHome
  ['ESPHome', '{{ value | float }}', '21.50', '21.5'],
  ['ESPHome', '{{ value | float | round(1) }}', '21.456', '21.5'],
  ['ESPHome', '{{ value | int }}', '-67', '-67'],
  ['ESPHome', '{{ (value | float * 100) | round(0) }}', '0.4567', '46'],
  ['ESPHome', '{{ value | float / 1000 }}', '1500', '1.5'],
  ['ESPHome', '{{ value | lower }}', 'ON', 'on'],
  ['ESPHome', "{{ 'ON' if value == 'ON' else 'OFF' }}", 'ON', 'ON'],
  [
    'ESPHome',
    '{{ value_json.state }}',
    '{"state":"ON","brightness":255,"color_mode":"rgb","color":{"r":255,"g":180,"b":0}}',
    'ON',
  ],
  [
    'ESPHome',
    '{{ value_json.brightness }}',
    '{"state":"ON","brightness":255,"color_mode":"rgb","color":{"r":255,"g":180,"b":0}}',
    '255',
  ],
  [
    'ESPHome',
    '{{ value_json.color.g }}',
    '{"state":"ON","brightness":255,"color_mode":"rgb","color":{"r":255,"g":180,"b":0}}',
    '180',
  ],
  ['ESPHome', '{{ value | float }}', 'nan', 'nan'],
  ['ESPHome', '{{ value | float(0) }}', 'unavailable', '0'],
  ['ESPHome', '{{ value | float }}', 'unknown', '0.0'],
  ['ESPHome', '{{ value | float(0) | round(1) }}', '23.45', '23.4'],
  ['ESPHome', '{{ (value | float(0) * 9 / 5 + 32) | round(1) }}', '20.0', '68.0'],
  ['ESPHome', '{{ value | int(0) }}', '12.9', '12'],
  ['ESPHome', '{{ value | trim }}', ' 3.3 \n', '3.3'],
  // Shelly
  ['Shelly', '{{value|float|round}}', '87.4', '87'],
  ['Shelly', '{{value|float|round(2)}}', '0.3468', '0.35'],
  ['Shelly', '{{(value|float/1000)|round(2)}}', '12345', '12.35'],
  ['Shelly', '{{(value|float/60/1000)|round(2)}}', '81234', '1.35'],
  ['Shelly', '{{value|float|round(1)}}', '1.25', '1.2'],
  ['Shelly', '{{value|float*100|round}}', '0.95', '95.0'],
  ['Shelly', "{{value|replace(':','')|float|round(1)}}", '21.34:', '21.3'],
  [
    'Shelly',
    '{% if value_json.overpower == true %}ON{% else %}OFF{% endif %}',
    '{"ison":true,"overpower":false,"brightness":60}',
    'OFF',
  ],
  ['Shelly', '{{value_json.power|float|round(1)}}', '{"ison":true,"power":12.345}', '12.3'],
  [
    'Shelly',
    '{%if value_json.ison%}ON{%else%}OFF{%endif%}',
    '{"ison":true,"mode":"color","red":255}',
    'ON',
  ],
  [
    'Shelly',
    '{{value_json.brightness|float|multiply(2.55)|round}}',
    '{"ison":true,"brightness":60}',
    '153',
  ],
  ['Shelly', '{%if value=="1"%}ON{%else%}OFF{%endif%}', '1', 'ON'],
  [
    'Shelly',
    '{{value_json.apower}}',
    '{"id":0,"source":"WS_in","output":true,"apower":8.9,"voltage":237.5,"aenergy":{"total":6532.25,"by_minute":[45.4,47.1,47.2]},"temperature":{"tC":35.2,"tF":95.4}}',
    '8.9',
  ],
  [
    'Shelly',
    '{{value_json.aenergy.total / 1000}}',
    '{"id":0,"output":true,"apower":8.9,"aenergy":{"total":6532.25}}',
    '6.53225',
  ],
  [
    'Shelly',
    '{{value_json.temperature.tC}}',
    '{"id":0,"output":true,"temperature":{"tC":35.2,"tF":95.4}}',
    '35.2',
  ],
  [
    'Shelly',
    '{{value_json.aenergy.by_minute[0]}}',
    '{"aenergy":{"total":6532.25,"by_minute":[45.4,47.1,47.2]}}',
    '45.4',
  ],
  ['Shelly', '{%if value_json.output%}ON{%else%}OFF{%endif%}', '{"id":0,"output":false}', 'OFF'],
  [
    'Shelly',
    '{{value_json.wifi_sta.rssi}}',
    '{"wifi_sta":{"connected":true,"ssid":"home","ip":"192.168.1.20","rssi":-58}}',
    '-58',
  ],
  [
    'Shelly',
    '{{value_json.lux.value}}',
    '{"lux":{"value":312,"illumination":"twilight","is_valid":true}}',
    '312',
  ],
  ['Shelly', '{{value_json.bat.value}}', '{"bat":{"value":100,"voltage":5.96}}', '100'],
  // OpenMQTTGateway
  [
    'OpenMQTTGateway',
    '{{ value_json.tempc | is_defined }}',
    '{"id":"A4:C1:38:00:11:22","model":"LYWSD03MMC","tempc":21.9,"tempf":71.42,"hum":48,"batt":87,"volt":2.98}',
    '21.9',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.hum | is_defined }}',
    '{"id":"A4:C1:38:00:11:22","model":"LYWSD03MMC","tempc":21.9,"hum":48,"batt":87}',
    '48',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.batt | is_defined }}',
    '{"id":"A4:C1:38:00:11:22","tempc":21.9,"batt":87}',
    '87',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.volt | is_defined }}',
    '{"id":"A4:C1:38:00:11:22","volt":2.98}',
    '2.98',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.rssi | is_defined }}',
    '{"id":"A4:C1:38:00:11:22","rssi":-71}',
    '-71',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.lux | is_defined }}',
    '{"id":"C4:7C:8D:00:00:01","model":"HHCCJCY01HHCC","lux":1534,"moi":31,"fer":312}',
    '1534',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.value | is_defined }}',
    '{"value":5426706,"protocol":1,"length":24,"delay":315}',
    '5426706',
  ],
  [
    'OpenMQTTGateway',
    '{{ float(value_json.battery_ok) * 99 + 1 }}',
    '{"model":"Acurite-Tower","id":1234,"battery_ok":1,"temperature_C":12.3}',
    '100.0',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.temperature_C }}',
    '{"model":"Acurite-Tower","id":1234,"battery_ok":1,"temperature_C":12.3}',
    '12.3',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.model }}',
    '{"model":"Acurite-Tower","id":1234}',
    'Acurite-Tower',
  ],
  [
    'OpenMQTTGateway',
    '{{ value_json.servicedata }}',
    '{"id":"11:22:33:44:55:66","servicedata":"0201060303e1ff"}',
    '0201060303e1ff',
  ],
  [
    'OpenMQTTGateway',
    "{% if value_json.presence == 'present' %}ON{% else %}OFF{% endif %}",
    '{"id":"11:22:33:44:55:66","presence":"present"}',
    'ON',
  ],
  // Home Assistant documentation
  ['Home Assistant documentation', '{{ value_json.temperature | default(0) }}', '{}', '0'],
  [
    'Home Assistant documentation',
    "{{ value_json.data.smart_results[0].attrs['5'].raw_value }}",
    '{"data":{"smart_results":[{"attrs":{"5":{"raw_value":0}}}]}}',
    '0',
  ],
  [
    'Home Assistant documentation',
    '{{ value_json.result.soc.value | float }}',
    '{"result":{"soc":{"value":"81"}}}',
    '81.0',
  ],
  ['Home Assistant documentation', "{{ {'ON': 'on', 'OFF': 'off'}[value] }}", 'OFF', 'off'],
  [
    'Home Assistant documentation',
    "{{ {'ON': 'on', 'OFF': 'off'}[value] | default('unknown') }}",
    'DIM',
    'unknown',
  ],
  ['Home Assistant documentation', '{{ value_json.state | lower }}', '{"state":"OPEN"}', 'open'],
  [
    'Home Assistant documentation',
    '{{ value_json | tojson }}',
    '{"b":[true,null],"a":1,"c":2.0,"ü":"<x>"}',
    '{"a": 1, "b": [true, null], "c": 2.0, "\\u00fc": "\\u003cx\\u003e"}',
  ],
  [
    'Home Assistant documentation',
    '{{ value_json.attributes | to_json }}',
    '{"attributes":{"b":1,"a":[1.5,"x"]}}',
    '{"b":1,"a":[1.5,"x"]}',
  ],
  [
    'Home Assistant documentation',
    "{{ value_json.count | string ~ ' items' }}",
    '{"count":3}',
    '3 items',
  ],
  ['Home Assistant documentation', '{{ value_json.list | length }}', '{"list":[1,2,3]}', '3'],
  [
    'Home Assistant documentation',
    '{{ value_json.name | upper }}',
    '{"name":"kitchen"}',
    'KITCHEN',
  ],
  ['Home Assistant documentation', '{{ value_json.t is defined }}', '{"t":1}', 'True'],
  ['Home Assistant documentation', '{{ value_json.t is not defined }}', '{}', 'True'],
  ['Home Assistant documentation', '{{ value_json.t is number }}', '{"t":"1"}', 'False'],
  ['Home Assistant documentation', '{{ value_json.t is string }}', '{"t":"1"}', 'True'],
  ['Home Assistant documentation', '{{ value_json.t | abs }}', '{"t":-4.5}', '4.5'],
  [
    'Home Assistant documentation',
    "{{ 'yes' if 'error' not in value else 'no' }}",
    'all fine',
    'yes',
  ],
  [
    'Home Assistant documentation',
    "{{ value_json.mode in ['auto', 'heat'] }}",
    '{"mode":"heat"}',
    'True',
  ],
  ['Home Assistant documentation', '{{ value_json.a and value_json.b }}', '{"a":1,"b":0}', '0'],
  ['Home Assistant documentation', "{{ value_json.a or 'none' }}", '{"a":""}', 'none'],
  ['Home Assistant documentation', '{{ not value_json.a }}', '{"a":[]}', 'True'],
  [
    'Home Assistant documentation',
    '{{ value_json.brightness * 100 // 254 }}',
    '{"brightness":200}',
    '78',
  ],
  ['Home Assistant documentation', '{{ value_json.v % 60 }}', '{"v":125}', '5'],
  ['Home Assistant documentation', '{{ value_json.v ** 2 }}', '{"v":1.5}', '2.25'],
  ['Home Assistant documentation', '{{ -value_json.v | abs }}', '{"v":3}', '3'],
  [
    'Home Assistant documentation',
    "{{ value_json.rgb[0] ~ ',' ~ value_json.rgb[1] ~ ',' ~ value_json.rgb[2] }}",
    '{"rgb":[255,128,0]}',
    '255,128,0',
  ],
  // command templates
  ['command templates', '{"brightness": {{ value }} }', 128, '{"brightness": 128 }'],
  ['command templates', '{"brightness": {{ value }} }', 12.5, '{"brightness": 12.5 }'],
  ['command templates', '{{ value | int }}', 127.6, '127'],
  ['command templates', "{% if value == 'ON' %}1{% else %}0{% endif %}", 'ON', '1'],
  ['command templates', "{% if value == 'ON' %}1{% else %}0{% endif %}", 'OFF', '0'],
  ['command templates', '{"state": "{{ value }}"}', 'OFF', '{"state": "OFF"}'],
  ['command templates', '{"position": {{ 100 - value }}}', 30, '{"position": 70}'],
  [
    'command templates',
    '{"color_temp": {{ (1000000 / value) | round }}}',
    4000,
    '{"color_temp": 250}',
  ],
  [
    'command templates',
    '{ "position": {{ position }} }',
    null,
    '{ "position": 30 }',
    { position: 30 },
  ],
  [
    'command templates',
    "{{ {0:'off', 1:'low', 2:'medium', 3:'high'}[value] | default('') }}",
    2,
    'medium',
  ],
  [
    'command templates',
    "{{ {0:'off', 1:'low', 2:'medium', 3:'high'}[value] | default('') }}",
    7,
    '',
  ],
  [
    'command templates',
    '{"turn":"on","brightness":{{brightness|float|multiply(0.3922)|round}}}',
    null,
    '{"turn":"on","brightness":100}',
    { brightness: 255 },
  ],
  ['command templates', '{{ {"brightness": value} | to_json }}', 200, '{"brightness":200}'],
  ['command templates', '{{ value | tojson }}', "it's <ok>", '"it\\u0027s \\u003cok\\u003e"'],
  ['command templates', "{{ 'on' if value else 'off' }}", true, 'on'],
  ['command templates', '{{ value }}', true, 'True'],
  ['command templates', 'Dimmer {{ value | int }}', 55.0, 'Dimmer 55'],
];

describe('templates as the devices ship them', () => {
  // Rows as objects: vitest's tuple typing loses an optional last element's types.
  it.each(
    DEVICES.map(([origin, source, value, expected, extra]) => ({
      origin,
      source,
      value,
      expected,
      extra,
    })),
  )('$origin: $source', ({ source, value, expected, extra }) => {
    expect(run(source, value, extra)).toBe(expected);
  });
});

/** Jinja's and Python's own semantics: numbers, printing, Undefined, filters, statements. */
const SEMANTICS: ReadonlyArray<readonly [source: string, value: string, expected: string]> = [
  ['{{ 3 / 2 }}', '', '1.5'],
  ['{{ 4 / 2 }}', '', '2.0'],
  ['{{ 7 // 2 }}', '', '3'],
  ['{{ -7 // 2 }}', '', '-4'],
  ['{{ -7 % 3 }}', '', '2'],
  ['{{ -7.5 % 2 }}', '', '0.5'],
  ['{{ 7.0 // 2 }}', '', '3.0'],
  ['{{ 1 / 3 }}', '', '0.3333333333333333'],
  ['{{ 2 ** 10 }}', '', '1024'],
  ['{{ 2 ** -1 }}', '', '0.5'],
  ['{{ 2 ** 3 ** 2 }}', '', '64'],
  ['{{ -2 ** 2 }}', '', '4'],
  ['{{ 1 + 2 * 3 }}', '', '7'],
  ['{{ (1 + 2) * 3 }}', '', '9'],
  ['{{ 0.1 + 0.2 }}', '', '0.30000000000000004'],
  ['{{ 1 + 1.0 }}', '', '2.0'],
  ['{{ 21.0 }}', '', '21.0'],
  ['{{ -0.0 }}', '', '-0.0'],
  ['{{ 1e100 }}', '', '1e+100'],
  ['{{ 0.000123 }}', '', '0.000123'],
  ['{{ 0.0000123 }}', '', '1.23e-05'],
  ['{{ 123456789.125 }}', '', '123456789.125'],
  ['{{ 1e21 | int }}', '', '1000000000000000000000'],
  ['{{ 1_000 + 1 }}', '', '1001'],
  ['{{ true }}', '', 'True'],
  ['{{ True and None }}', '', 'None'],
  ['{{ none }}', '', 'None'],
  ["{{ False ~ '' }}", '', 'False'],
  ["{{ 'a' ~ 1 ~ True ~ none }}", '', 'a1TrueNone'],
  ["{{ 'a' + 'b' }}", '', 'ab'],
  ["{{ 'ab' * 2 }}", '', 'abab'],
  ['{{ [1, 2] + [3] }}', '', '[1, 2, 3]'],
  ["{{ [1.0, 'a', None, True, {'k': 2}] }}", '', "[1.0, 'a', None, True, {'k': 2}]"],
  [
    '{{ value_json }}',
    '{"a":"x\'y","b":"q\\"","c":"l1\\nl2"}',
    "{'a': \"x'y\", 'b': 'q\"', 'c': 'l1\\nl2'}",
  ],
  ['{{ value_json.o | string }}', '{"o":{"k":"v"}}', "{'k': 'v'}"],
  ["{{ 'it''s' }}", '', 'its'],
  ['{{ "say \\"hi\\"" }}', '', 'say "hi"'],
  ["{{ '\\u00fc\\x41\\n'|length }}", '', '3'],
  ["{{ '\\u00fc\\x41' }}", '', 'üA'],
  ['{{ 1 == 1.0 }}', '', 'True'],
  ['{{ True == 1 }}', '', 'True'],
  ["{{ 'a' < 'b' }}", '', 'True'],
  ['{{ 1 < 2 < 3 }}', '', 'True'],
  ['{{ 3 > 2 > 2 }}', '', 'False'],
  ["{{ {1: 'a'}[1.0] }}", '', 'a'],
  ["{{ {True: 'x'}[1] }}", '', 'x'],
  ["{{ {None: 'n'}[none] }}", '', 'n'],
  ["{{ {'1': 'a'}[1] }}", '', ''],
  ["{{ 'abc'[0] }}", '', 'a'],
  ["{{ 'abc'[-1] }}", '', 'c'],
  ['{{ [1,2,3][5] }}', '', ''],
  ['{{ value_json.a.b }}', '{"a":5}', ''],
  ['{{ value_json.missing | length }}', '{}', '0'],
  ["{{ 'a' in value_json.missing }}", '{}', 'False'],
  ['{{ value_json.missing }}', '{}', ''],
  ['[{{ value_json.missing }}]', '{}', '[]'],
  ['{{ value_json.missing is defined }}', '{}', 'False'],
  ['{{ value_json.missing == none }}', '{}', 'False'],
  ["{{ value_json.missing | default('x') }}", '{}', 'x'],
  ["{{ none | default('x') }}", '', 'None'],
  ["{{ '' | default('x', true) }}", '', 'x'],
  ['{{ value_json.missing | lower }}', '{}', ''],
  ["{{ value_json.missing ~ 'x' }}", '{}', 'x'],
  ['{{ not value_json.missing }}', '{}', 'True'],
  ["{{ 'abc' | replace('', '-') }}", '', '-a-b-c-'],
  ["{{ 'a,b,c' | replace(',', ';', 1) }}", '', 'a;b,c'],
  ["{{ 21.5 | replace('.', ',') }}", '', '21,5'],
  ['{{ true is number }}', '', 'True'],
  ['{{ true is integer }}', '', 'False'],
  ['{{ 1.0 is float }}', '', 'True'],
  ['{{ 1 is integer }}', '', 'True'],
  ["{{ 'x' is eq 'x' }}", '', 'True'],
  ['{{ 10 is divisibleby 3 }}', '', 'False'],
  ['{{ 3 is odd }}', '', 'True'],
  ['{{ none is none }}', '', 'True'],
  ['{{ value_json is mapping }}', '{"a":1}', 'True'],
  ['{{ value_json.l is sequence }}', '{"l":[1]}', 'True'],
  ['{{ value_json.t is defined and value_json.t > 1 }}', '{"t":2}', 'True'],
  ['{{ not value_json.t is defined }}', '{}', 'True'],
  ["{{ 'hello world foo' | truncate(9, False, '...', 0) }}", '', 'hello...'],
  ["{{ 'hello world foo' | truncate(9, True, '...', 0) }}", '', 'hello ...'],
  ["{{ 'hello world foo' | truncate(12) }}", '', 'hello world foo'],
  ["{{ 'hello world foo bar baz' | truncate(12) }}", '', 'hello...'],
  ['{{ 2.5 | round }}', '', '2'],
  ['{{ 3.5 | round }}', '', '4'],
  ['{{ -2.5 | round }}', '', '-2'],
  ['{{ 2.675 | round(2) }}', '', '2.67'],
  ['{{ 1.005 | round(2) }}', '', '1.0'],
  ['{{ 0.125 | round(2) }}', '', '0.12'],
  ['{{ 0.375 | round(2) }}', '', '0.38'],
  ['{{ 21 | round(2) }}', '', '21.0'],
  ["{{ 21.456 | round(1, 'floor') }}", '', '21.4'],
  ["{{ 21.01 | round(0, 'ceil') }}", '', '22'],
  ["{{ 21.3 | round(1, 'half') }}", '', '21.5'],
  ['{{ 1234 | round(-1) }}', '', '1230.0'],
  ["{{ '21.456' | round(1) }}", '', '21.5'],
  ['{{ value | float }}', ' 7 ', '7.0'],
  ['{{ value | float }}', '1e3', '1000.0'],
  ['{{ value | float }}', 'inf', 'inf'],
  ['{{ value | float }}', '', '0.0'],
  ["{{ value | float('n/a') }}", 'x', 'n/a'],
  ['{{ value | int }}', '21.7', '21'],
  ['{{ value | int }}', 'abc', '0'],
  ['{{ value | int(-1) }}', 'abc', '-1'],
  ['{{ value | int(0, 16) }}', 'ff', '255'],
  ['{{ value | int(0, 16) }}', '0x1A', '26'],
  ['{{ value | int }}', '1e3', '1000'],
  ['{{ true | int }}', '', '1'],
  ['{{ none | float }}', '', '0.0'],
  ['{{ [1] | float }}', '', '0.0'],
  ['{{ value | bool }}', 'on', 'True'],
  ["{{ value | iif('on', 'off') }}", 'true', 'on'],
  ["{{ iif(value_json.open, 'open', 'closed') }}", '{"open":false}', 'closed'],
  ["{{ iif(value_json.open, 'open', 'closed', 'unknown') }}", '{"open":null}', 'unknown'],
  ['{{ value_json.flags | bitwise_and(4) > 0 }}', '{"flags":6}', 'True'],
  ['{{ value | multiply(0.1) | round(1) }}', '215', '21.5'],
  ['{{ value_json.x | from_json }}', '{"x":"{\\"y\\": 1}"}', "{'y': 1}"],
  ['{{ value | capitalize }}', 'oPEN', 'Open'],
  ['{{ value | title }}', 'living room', 'Living Room'],
  ['{{ value_json.l | first }}', '{"l":[4,5]}', '4'],
  ['{{ value_json.l | last }}', '{"l":[4,5]}', '5'],
  ["{{ value_json.l | join(', ') }}", '{"l":[4,"a"]}', '4, a'],
  ['{{ value_json.l | min }}', '{"l":[4,2,9]}', '2'],
  ['{{ value_json.l | max }}', '{"l":[4,2,9]}', '9'],
  ['{{ max(value_json.a, value_json.b) }}', '{"a":4,"b":7}', '7'],
  ['{{ value_json.d | count }}', '{"d":{"a":1,"b":2}}', '2'],
  ['{% set x = 1 %}{% if true %}{% set x = 2 %}{% endif %}{{ x }}', '', '2'],
  [
    '{% set t = value_json.temp | float %}{{ (t * 9 / 5 + 32) | round(1) }}',
    '{"temp":"25"}',
    '77.0',
  ],
  [
    '{% if value_json.a %}{% if value_json.b %}ab{% else %}a{% endif %}{% endif %}',
    '{"a":1,"b":0}',
    'a',
  ],
  [
    "{% if value == 'single' %}1{% elif value == 'double' %}2{% elif value == 'hold' %}3{% else %}0{% endif %}",
    'double',
    '2',
  ],
  [
    "{% if value == 'single' %}1{% elif value == 'double' %}2{% elif value == 'hold' %}3{% else %}0{% endif %}",
    'triple',
    '0',
  ],
  ['{{- value -}}\n', 'x', 'x'],
  ['a  {%- if true %}  b  {% endif -%}  c', '', 'a  b  c'],
  ['a {# note #} b', '', 'a  b'],
  ['a {#- note -#} b', '', 'ab'],
  ['{# the device sends tenths #}{{ value | float / 10 }}', '215', '21.5'],
  ["{{ 'x' if false }}", '', ''],
  ['{{ 1 if value_json.a else 2 if value_json.b else 3 }}', '{"a":0,"b":0}', '3'],
  ["{{ value_json['__proto__'] | default('none') }}", '{"__proto__": 5}', '5'],
  ["{{ value_json.constructor | default('none') }}", '{}', 'none'],
  ['{{ value_json.l }}', '{"l":["a",1,2.5,false]}', "['a', 1, 2.5, False]"],
  ['{{ value_json.big }}', '{"big": 1e16}', '1e+16'],
  ['{{ value_json.small }}', '{"small": 0.00001}', '1e-05'],
  ['{{ value_json.n }}', '{"n": 12.0}', '12.0'],
  ['{{ value_json.n }}', '{"n": -0}', '0'],
  ['{{ value_json.u }}', '{"u": "\\u00e9\\ud83d\\ude00"}', 'é😀'],
  ['{{ value_json.arr.1 }}', '{"arr":["a","b"]}', 'b'],
  ['{{ value }}', '21,5', '21,5'],
  ['{{ value_json }}', '"just a string"', 'just a string'],
  ['{{ value_json }}', '42', '42'],
  ["{{ value_json['a b'] }}", '{"a b": 1}', '1'],
  // None is an argument given, not one missing.
  ['{{ value_json.x | default(none) }}', '{}', 'None'],
  ['{{ value | float(none) }}', 'x', 'None'],
  ['{{ none is eq none }}', '', 'True'],
  ['{{ iif(none, 1, 2, 3) }}', '', '3'],
  ['{{ value_json.m | min }}', '{"m":[null]}', 'None'],
  ['{{ 5 | round(0, "half") }}', '', '5'],
  ['{{ 1.25 | round(1, "half") }}', '', '1.0'],
];

describe('Jinja semantics, as Jinja renders them', () => {
  it.each(SEMANTICS)('%s with %j → %j', (source, value, expected) => {
    expect(run(source, value)).toBe(expected);
  });
});

describe('what fails on a message, and how', () => {
  // Each of these fails in Jinja / Home Assistant too (checked the same way).
  it.each([
    ['{{ value_json.a.b }}', '{}', /undefined, so it has no "b"/],
    ['{{ value_json.temperature }}', 'not json', /not JSON/],
    ['{{ value_json.temperature }}', '{"temperature": 21', /not JSON/],
    ['{{ value | round(1) }}', 'x', /round got .*no default/],
    ['{{ value_json.missing | is_defined }}', '{}', /undefined/],
    ['{{ value_json.missing | float }}', '{}', /undefined/],
    ['{{ value_json.missing | int(0) }}', '{}', /undefined/],
    ['{{ 1 / 0 }}', '', /division by zero/],
    ['{{ value_json.w / value_json.v }}', '{"w":1,"v":0}', /division by zero/],
    ['{{ 1 // 0 }}', '', /division by zero/],
    ['{{ 5 % 0 }}', '', /modulo by zero/],
    ["{{ 'a' - 1 }}", '', /needs numbers/],
    ["{{ 'x' + 1 }}", '', /needs numbers/],
    ["{{ 'a' < 1 }}", '', /cannot compare/],
    ['{{ value_json.missing + 1 }}', '{}', /undefined/],
    ['{{ value_json.missing > 1 }}', '{}', /cannot compare/],
    ['{{ -value_json.missing }}', '{}', /undefined/],
    ['{{ 1 in 5 }}', '', /"in" needs/],
    ['{{ value_json | tojson }}', 'not json', /undefined/],
    ["{{ 'abc' | truncate(2) }}", '', /length is below 3/],
    ['{{ value_json.t | multiply(2) }}', '{"t":"x"}', /multiply got/],
    ['{{ value | from_json }}', '{bad', /from_json got/],
    ['{{ value | bool }}', 'maybe', /bool got/],
  ] as const)('%s with %j: an error that says why', (source, value, why) => {
    const result = run(source, value);
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect((result as { message: string }).message).toMatch(why);
  });

  it("says 'unsupported' for Jinja it only meets on a message: % formatting", () => {
    expect(run("{{ '%d' % value_json.t }}", '{"t":5}')).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });

  it('never throws for what a caller passes: a cyclic value_json fails as an error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(render(compile('{{ value_json.self.a }}'), { value: '', value_json: cyclic })).toEqual({
      ok: false,
      reason: 'error',
      message: expect.stringMatching(/nested too deeply/),
    });
  });
});

describe('what is outside the subset: "unsupported" at compile time, naming it', () => {
  it.each([
    ['{% for x in value_json.l %}{{ x }}{% endfor %}', /\{% for %\}/],
    ['{{ value.split(",")[0] }}', /\.split\(\)/],
    ["{{value_json.Color.split(',')[0:3]|join(',')}}", /\.split\(\)/], // Tasmota's rgb_val_tpl
    ["{{ states('sensor.x') }}", /states/],
    ['{{ now() }}', /now/],
    [
      '{{(as_datetime(now().timestamp()-value_json.uptime).replace(microsecond=0).isoformat())}}',
      /as_datetime/,
    ],
    ['{{ as_timestamp(value) }}', /as_timestamp/],
    ['{{ value | timestamp_local }}', /timestamp_local/],
    ['{{ value | regex_replace("a", "b") }}', /regex_replace/],
    ["{{ value | regex_findall_index('(\\d+)') }}", /regex_findall_index/],
    ['{{ value | float | log }}', /filter log/],
    ['{{ round(value, 1) }}', /round\(\)/],
    ['{{ value is divisible_by(3) }}', /divisible_by/],
    ['{% macro m() %}x{% endmacro %}', /macro/],
    ["{% include 'x' %}", /include/],
    ['{% raw %}{{ x }}{% endraw %}', /raw/],
    ['{% set x %}a{% endset %}{{ x }}', /endset/],
    ['{{ value_json.l[1:] }}', /slices/],
    ['{{ value | round(1, method="floor") }}', /keyword/],
    ['{{ (1, 2) }}', /tuples/],
    ['{{ this.state }}', /this/],
    ['{{ value_json.values[0] }}', /\.values is a dict's method/],
    ['{{ value_json.update.state }}', /\['update'\]/],
  ] as const)('%s', (source, why) => {
    const compiled = compileTemplate(source);
    expect(compiled).toMatchObject({ ok: false, reason: 'unsupported' });
    expect((compiled as { message: string }).message).toMatch(why);
  });

  it('renderTemplate reports them as unsupported too', () => {
    expect(renderTemplate('{{ now() }}', { value: '' })).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });
});

describe('what is not a template: "invalid", with the reason', () => {
  it.each([
    ['{{ value_json.a ', /not closed/],
    ['{% if value %}x', /endif/],
    ['{% endif %}', /unknown tag|unexpected/],
    ['{{ 1 + }}', /expected|ends too early|unexpected/],
    ['{{ "open }}', /not closed/],
    ['{{ value @ 2 }}', /unexpected character/],
    ['{# never closed', /comment/],
    ['{% if %}x{% endif %}', /unexpected|ends too early/],
  ] as const)('%s', (source, why) => {
    const compiled = compileTemplate(source);
    expect(compiled).toMatchObject({ ok: false, reason: 'invalid' });
    expect((compiled as { message: string }).message).toMatch(why);
  });

  it('a template that is not text', () => {
    expect(compileTemplate(42 as unknown as string)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });
});

describe('bounds on a stranger’s template', () => {
  it(`refuses more than ${MAX_SOURCE} characters`, () => {
    expect(compileTemplate('x'.repeat(MAX_SOURCE)).ok).toBe(true);
    expect(compileTemplate('x'.repeat(MAX_SOURCE + 1))).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });

  it.each([
    ['parentheses', '{{ ' + '('.repeat(100) + '1' + ')'.repeat(100) + ' }}'],
    ['lists', '{{ ' + '['.repeat(100) + ']'.repeat(100) + ' }}'],
    ['signs', '{{ ' + '-'.repeat(100) + '1 }}'],
    ['nots', '{{ ' + 'not '.repeat(100) + '1 }}'],
    ['else chains', '{{ ' + '1 if 0 else '.repeat(60) + '2 }}'],
    ['ifs', '{% if 1 %}'.repeat(40) + 'x' + '{% endif %}'.repeat(40)],
  ])('refuses nesting too deep: %s', (_what, source) => {
    expect(compileTemplate(source)).toMatchObject({
      ok: false,
      reason: 'too-large',
      message: expect.stringMatching(/nests deeper than 32/),
    });
  });

  it('accepts the nesting real templates have', () => {
    expect(run('{{ ' + '('.repeat(10) + '1' + ')'.repeat(10) + ' }}', '')).toBe('1');
    expect(run('{% if 1 %}'.repeat(10) + 'x' + '{% endif %}'.repeat(10), '')).toBe('x');
  });

  it('refuses to build a huge string instead of building it', () => {
    const doubling = "{% set s = 'xx' %}" + '{% set s = s ~ s %}'.repeat(40) + '{{ s | length }}';
    expect(run(doubling, '')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
    expect(run("{{ 'x' * 100000000 }}", '')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
    const replaced = "{% set s = 'x' * 60000 %}{{ s | replace('x', 'yy') }}";
    expect(run(replaced, '')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
  });
});

describe('key lookups become Tafel value paths', () => {
  it.each([
    ['{{ value_json.temperature }}', 'temperature'],
    ['{{value_json.POWER1}}', 'POWER1'],
    ["{{ value_json['a-b'].c[0] }}", 'a-b.c[0]'],
    ["{{value_json['ENERGY']['Power']}}", 'ENERGY.Power'],
    ["{{value_json['ENERGY']['Power'][1]}}", 'ENERGY.Power[1]'],
    ["{{value_json['DS18B20-1']['Temperature']}}", 'DS18B20-1.Temperature'],
    ["{{ value_json['update']['installed_version'] }}", 'update.installed_version'],
    ['{{ value_json.aenergy.by_minute[0] }}', 'aenergy.by_minute[0]'],
    ['{{ value_json.arr.1 }}', 'arr[1]'],
    ["{{ value_json['a b'] }}", '["a b"]'],
    ["{{ value_json['a\"b'] }}", '["a\\"b"]'],
    ["{{ value_json['0'] }}", '["0"]'],
    [
      "{{ value_json.data.smart_results[0].attrs['5'].raw_value }}",
      'data.smart_results[0].attrs["5"].raw_value',
    ],
    ["{{ value_json['température'] }}", '["température"]'],
    ['  {{ value_json.a }}\n', 'a'],
    ['{{- value_json.a -}}', 'a'],
    ['{{ value }}', ''],
    ['{{value}}', ''],
  ] as const)('%s → %j', (source, path) => {
    expect(compile(source).valuePath).toBe(path);
  });

  it.each([
    '{{ value_json }}',
    '{{ value_json.t | float }}',
    '{{ value_json.t | round(1) }}',
    '{{ value_json.arr[-1] }}',
    '°{{ value_json.t }}',
    '{{ value_json.t }} °C',
    '{{ value_json[key] }}',
    '{{ value_json.t }}{{ value_json.u }}',
    '{% if true %}{{ value_json.t }}{% endif %}',
    '{{ value.x }}',
    '{{ other.x }}',
    '{{ value_json.length }}',
    '{{ value_json.constructor }}',
    "{{ value_json['__proto__'] }}",
    "{{ value_json['a\\nb'] }}",
    "{{ 'x' }}",
  ])('%s is not just a lookup: null', (source) => {
    const compiled = compile(source);
    expect(compiled.valuePath).toBeNull();
    expect(compiled.pathKeys).toBeNull();
  });

  it('gives the keys too', () => {
    expect(compile("{{ value_json['a-b'].c[0] }}").pathKeys).toEqual(['a-b', 'c', 0]);
    expect(compile('{{ value }}').pathKeys).toEqual([]);
  });
});

describe('a compiled template', () => {
  it('is reused for every message, and keeps nothing from one to the next', () => {
    const compiled = compile('{% set x = value_json.v | default(0) %}{{ x }}');
    expect(render(compiled, { value: '{"v": 1}' })).toEqual({ ok: true, text: '1' });
    expect(render(compiled, { value: '{}' })).toEqual({ ok: true, text: '0' });
  });

  it("uses the caller's value_json when given (a JSON.parse result: 21.0 reads as 21)", () => {
    const compiled = compile('{{ value_json.v }}');
    expect(render(compiled, { value: '{"v": 21.0}' })).toEqual({ ok: true, text: '21.0' });
    expect(render(compiled, { value: 'ignored', value_json: { v: 21.0 } })).toEqual({
      ok: true,
      text: '21',
    });
  });

  it('parses the payload only for templates that read value_json', () => {
    expect(compile('{{ value }}').usesJson).toBe(false);
    expect(render(compile('{{ value }}'), { value: '{not json' })).toEqual({
      ok: true,
      text: '{not json',
    });
  });

  it('is plain data: it survives structuredClone (posting to a worker)', () => {
    const compiled = compile(
      "{% set m = {None: 'none', 0: 'off'} %}{{ m[value_json.s] | default(value_json.t | round(1)) }}",
    );
    const copy = structuredClone(compiled);
    const vars: TemplateVars = { value: '{"s": 0.0, "t": 2.25}' };
    expect(render(copy, vars)).toEqual(render(compiled, vars));
    expect(render(copy, vars)).toEqual({ ok: true, text: 'off' });
    expect(render(copy, { value: '{"s": 7, "t": 2.25}' })).toEqual({ ok: true, text: '2.2' });
  });

  it('reads undefined names as Undefined, other variables as given', () => {
    expect(run('{{ entity_id | default("none") }}', '')).toBe('none');
    expect(run('{{ tilt_position * 2 }}', '', { tilt_position: 21 })).toBe('42');
  });
});
