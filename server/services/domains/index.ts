export { addDomain } from "./add";
export { verifyDomainNow, verifyDomainManually } from "./verify";
export { getDomain, listDomains, removeDomain, restartVerification } from "./manage";
export { recheckDomain } from "./recheck";
export { RECHECK_JOB } from "./schedule";
