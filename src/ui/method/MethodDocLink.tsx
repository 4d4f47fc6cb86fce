// `?raw` puts docs/method.md's text in the build, so the link works offline whatever serves the
// studio; it opens as a UTF-8 Blob because servers send .md files without a charset.
import methodDoc from '../../../docs/method.md?raw';

let docHref: string | null = null;

/** One blob address for the method's description, made on first use and shared by every link to it. */
export function methodDocHref(): string {
  docHref ??= URL.createObjectURL(new Blob([methodDoc], { type: 'text/plain;charset=utf-8' }));
  return docHref;
}

/** The method's own description (docs/method.md): every loss, combiner and default, and why. */
export function MethodDocLink() {
  return (
    <p className="muted">
      <a href={methodDocHref()} target="_blank" rel="noopener" data-field="method-doc">
        How the method works
      </a>{' '}
      (docs/method.md: every loss, target and default, with the reason for each)
    </p>
  );
}
