// Registers <family-portal>. Guarded, so a host page that loads the script twice does not throw.
import { FamilyPortal } from './family-portal.js';

if (!customElements.get('family-portal')) customElements.define('family-portal', FamilyPortal);

export { FamilyPortal };
