// The journal database's name, apart from db.js so that pages can look for a
// journal without loading Dexie.
export const DB_NAME = "ros1-journal";
