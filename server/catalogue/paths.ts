/** Product ids that may appear in a page or image path: letters, digits, dash and underscore. */
export const PRODUCT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The product page path the lead mounts: `/p/<id>`. */
export function productUrl(id: string): string {
  return `/p/${encodeURIComponent(id)}`;
}

/** The product image path the lead mounts: `/img/products/<id>.svg`. */
export function productImageUrl(id: string): string {
  return `/img/products/${encodeURIComponent(id)}.svg`;
}
