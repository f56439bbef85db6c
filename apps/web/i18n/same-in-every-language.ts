/**
 * Message keys whose text is rightly the same in every language (the product's name, a unit, a code
 * format): the catalogue spec does not ask for a translation of these. Keep it short; each needs a reason.
 */
export const SAME_IN_EVERY_LANGUAGE: ReadonlySet<string> = new Set<string>([
  // The product's name, a brand: written the same way in every language's pages.
  'common.brand.name',
]);
