// Each module registers its area's operations (registry.ts); the order is the document's order.
import "./organizations";
import "./domains";
import "./it-contacts";
import "./connections";
import "./sso";
import "./redirects";
import "./directories";
import "./scim";
import "./events-webhooks";
import "./audit-logs";
import "./portal";
import "./service";
