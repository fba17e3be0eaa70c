const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** SCIM attributes IT admins map most, with what identity providers call them. Any other path works too. */
export const suggestedPaths: { path: string; label: string }[] = [
  { path: "title", label: "Job title" },
  { path: `${enterprise}:department`, label: "Department (enterprise)" },
  { path: `${enterprise}:manager.value`, label: "Manager ID (enterprise)" },
  { path: `${enterprise}:manager.displayName`, label: "Manager name (enterprise)" },
  { path: `${enterprise}:costCenter`, label: "Cost center (enterprise)" },
  { path: `${enterprise}:employeeNumber`, label: "Employee number (enterprise)" },
  { path: `${enterprise}:division`, label: "Division (enterprise)" },
  { path: `${enterprise}:organization`, label: "Organization (enterprise)" },
  { path: "userType", label: "User type" },
  { path: "displayName", label: "Display name" },
  { path: "nickName", label: "Nickname" },
  { path: "preferredLanguage", label: "Preferred language" },
  { path: "locale", label: "Locale" },
  { path: "timezone", label: "Time zone" },
  { path: 'emails[type eq "work"].value', label: "Work email" },
  { path: 'phoneNumbers[type eq "work"].value', label: "Work phone" },
  { path: 'addresses[type eq "work"].locality', label: "Work city" },
  { path: 'addresses[type eq "work"].country', label: "Work country" },
];

/** One click adds these common custom attributes. */
export const quickAttributes: { name: string; path: string; label: string }[] = [
  { name: "department", path: `${enterprise}:department`, label: "Department" },
  { name: "job_title", path: "title", label: "Job title" },
  { name: "manager_id", path: `${enterprise}:manager.value`, label: "Manager" },
  { name: "cost_center", path: `${enterprise}:costCenter`, label: "Cost center" },
];

export const attributeNamePattern = /^[a-z][a-z0-9_]{0,63}$/;
