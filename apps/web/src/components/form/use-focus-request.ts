import { useCallback, useEffect, useState } from 'react';

/**
 * Focus an element by id after the next render, so it already carries its new aria-invalid and
 * error text (or exists at all) when a screen reader announces it.
 */
export function useFocusRequest(): (id: string) => void {
  const [request, setRequest] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!request) return;
    const element = document.getElementById(request.id);
    if (!element) return;
    element.focus();
    // Keep the field clear of the viewport edge on small screens.
    element.scrollIntoView?.({ block: 'center' });
  }, [request]);
  // A new object each time, so asking twice for the same id focuses twice.
  return useCallback((id: string) => setRequest({ id }), []);
}
