import { useMemo } from 'react';
// `?raw` puts docs/method.md's text in the build, so the link works offline whatever serves the
// studio; it opens as a UTF-8 Blob because servers send .md files without a charset.
import methodDoc from '../../../docs/method.md?raw';

/** The method's own description (docs/method.md): every loss, combiner and default, and why. */
export function MethodDocLink() {
  const href = useMemo(() => URL.createObjectURL(new Blob([methodDoc], { type: 'text/plain;charset=utf-8' })), []);
  return (
    <p className="muted">
      <a href={href} target="_blank" rel="noopener" data-field="method-doc">
        How the method works
      </a>{' '}
      (docs/method.md: every loss, target and default, with the reason for each)
    </p>
  );
}
