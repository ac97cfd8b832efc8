// Registers <family-portal>. Guarded, so a host page that loads the script twice does not throw.
import { FamilyPortal } from './family-portal.js';

if (!customElements.get('family-portal')) customElements.define('family-portal', FamilyPortal);

export { FamilyPortal };
// The core itself, for pages that need a verified summary without the widget (README, "Embed").
export { loadCore, FepError } from './core.js';
