import { ApiError, errorResponse } from '@/server/http';

/** Unknown API paths answer in the one error shape, not with the HTML 404 page. */
function notFound(): Response {
  return errorResponse(
    new ApiError('not_found', 'There is no API endpoint at this address.'),
    crypto.randomUUID(),
  );
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
