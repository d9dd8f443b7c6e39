import {
  useEffect,
  useId,
  useRef,
  type DialogHTMLAttributes,
  type FormEvent,
  type ReactNode,
} from 'react';

/** Handlers and attributes the dialog element itself may get (e.g. drag and drop). */
type DialogExtras = Omit<
  DialogHTMLAttributes<HTMLDialogElement>,
  'open' | 'className' | 'children' | 'onCancel' | 'onClose' | 'onSubmit' | 'aria-labelledby'
>;

export interface ModalProps {
  open: boolean;
  /** The heading, and the dialog's accessible name. */
  title: string;
  onClose(): void;
  /** The body: it scrolls when the dialog is taller than the screen. None: a question alone. */
  children?: ReactNode;
  /** The actions (Cancel, Save …): always on screen, under the body. */
  footer?: ReactNode;
  /** Makes the dialog a form: Enter in a field and a submit button in the footer call it. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
  className?: string;
  /** Passed to the <dialog>, e.g. onDrop. */
  dialogProps?: DialogExtras;
}

/**
 * Every modal dialog of Tafel: title, a body that scrolls, and a footer with the actions that
 * never leaves the screen, at any display scale. On the native <dialog> (focus trap, Esc and
 * the backdrop come from the browser), labelled by its title. Controlled by `open`.
 *
 * The height is limited in % of the viewport, not in vh: the display scale is a CSS zoom on
 * the page, and zoom multiplies vh (a 100vh dialog at 130 % is 130 % of the screen) but not
 * the containing block a percentage of a top-layer dialog refers to.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
  footer,
  onSubmit,
  className,
  dialogProps,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // happy-dom and very old browsers lack showModal; an open dialog still works there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const content = (
    <>
      <div className="dialog__head">
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
      </div>
      {children !== undefined && <div className="dialog__body">{children}</div>}
      {footer && <div className="dialog__footer">{footer}</div>}
    </>
  );
  return (
    <dialog
      {...dialogProps}
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      // Only Esc closes by itself; every other close goes through `open`. (The native
      // 'close' event also fires when `open` turns false, and must not close what opens next.)
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open &&
        (onSubmit ? (
          <form
            className="dialog__frame"
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit(e);
            }}
          >
            {content}
          </form>
        ) : (
          <div className="dialog__frame">{content}</div>
        ))}
    </dialog>
  );
}
