/** ?host= from the URL, if given: which engine a container or image reference is on. */
export function hostParam(request: Request): string | undefined {
  return new URL(request.url).searchParams.get('host') || undefined;
}
