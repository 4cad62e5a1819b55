// The application's MongoDB user, which the services and the seed log in as instead of root: readWrite on the
// application database ecommerce and nothing else (no other database, no user or server administration).
//
// docker compose mounts this file into /docker-entrypoint-initdb.d/ of the mongo image, whose entrypoint runs it with
// mongosh as the root user (MONGO_ROOT_USER), once: when the mongodb_data volume is empty. A changed MONGO_APP_USER or
// MONGO_APP_PASSWORD therefore takes effect only after `docker compose down -v` (or by hand, see docs/operations.md).
// The user lives in ecommerce itself, hence authSource=ecommerce in the services' MONGODB_URI.

const user = process.env.MONGO_APP_USER;
const password = process.env.MONGO_APP_PASSWORD;
if (!user || !password) {
  // compose requires both; this is for anyone mounting the script elsewhere. A failed script stops the container.
  throw new Error('MONGO_APP_USER and MONGO_APP_PASSWORD must be set (copy env.example to .env and set them)');
}

db.getSiblingDB('ecommerce').createUser({
  user: user,
  pwd: password,
  roles: [{ role: 'readWrite', db: 'ecommerce' }],
});
print(`init-mongo.js: created user ${user} with readWrite on ecommerce`);
