// MongoDB initialisation for docker compose: run by the mongo image's entrypoint (mongosh, as the root user) the
// first time the container starts with an empty data volume.
//
// Creates the collections and the indexes the services create at start-up -- with the same names, keys and options,
// so the services' own createIndex calls find them and do nothing -- and inserts the seed data from
// seed/seed-data.json in the shape the services store it. Every step is idempotent: running it again changes nothing.

const fs = require('fs');

const SEED_FILE = '/docker-entrypoint-initdb.d/seed/seed-data.json';
const database = db.getSiblingDB('ecommerce');

// ---- collections and indexes (copied from the services' repositories) ----

const indexes = {
  // customer-service CustomerRepository
  customers: [
    { key: { email: 1 }, name: 'email_unique', unique: true },
    { key: { createdAt: -1, _id: -1 }, name: 'createdAt_desc' },
  ],
  // product-service ProductRepository
  products: [
    { key: { active: 1, category: 1, createdAt: -1 }, name: 'active_category_createdAt' },
    { key: { active: 1, brand: 1, createdAt: -1 }, name: 'active_brand_createdAt' },
    { key: { active: 1, createdAt: -1 }, name: 'active_createdAt' },
    { key: { createdAt: -1 }, name: 'createdAt_desc' },
    { key: { price: 1 }, name: 'price' },
  ],
  // product-service StockMovements
  stock_movements: [
    { key: { productId: 1, at: -1 }, name: 'productId_at_desc' },
  ],
  // order-service OrderRepository
  orders: [
    { key: { idempotencyKey: 1 }, name: 'idempotencyKey_unique', unique: true, sparse: true },
    { key: { customerId: 1, createdAt: -1 }, name: 'customer_createdAt' },
    { key: { orderStatus: 1, createdAt: -1 }, name: 'status_createdAt' },
    { key: { createdAt: -1, _id: -1 }, name: 'createdAt_desc' },
    { key: { updatedAt: 1 }, name: 'updatedAt' },
  ],
  // payment-service PaymentRepository
  payments: [
    { key: { completedOrderId: 1 }, name: 'completedOrderId_unique', unique: true, sparse: true },
    { key: { transactionId: 1 }, name: 'transactionId', unique: true },
    { key: { orderId: 1, createdAt: -1 }, name: 'orderId_createdAt' },
    { key: { customerId: 1, createdAt: -1 }, name: 'customerId_createdAt' },
    { key: { status: 1, createdAt: -1 }, name: 'status_createdAt' },
    { key: { createdAt: -1 }, name: 'createdAt_desc' },
    { key: { pendingEvents: 1 }, name: 'pendingEvents' },
  ],
  // payment-service IdempotencyKeys: a TTL index, documents expire at their expiresAt
  idempotency_keys: [
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
  ],
  // transaction-worker TransactionHistories
  transactionhistories: [
    { key: { orderId: 1 }, name: 'orderId' },
    { key: { customerId: 1 }, name: 'customerId' },
    { key: { status: 1 }, name: 'status' },
    { key: { timestamp: -1 }, name: 'timestamp_desc' },
  ],
};

const existing = database.getCollectionNames();
for (const [collection, specs] of Object.entries(indexes)) {
  if (!existing.includes(collection)) {
    database.createCollection(collection);
  }
  for (const { key, ...options } of specs) {
    database.getCollection(collection).createIndex(key, options);
  }
  print(`init-mongo: ${collection} with ${specs.length} indexes`);
}

// ---- seed data ----

const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8'));
const now = new Date();

let inserted = 0;
for (const c of seed.customers) {
  const result = database.customers.updateOne(
    { _id: c.customerId },
    {
      $setOnInsert: {
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email.toLowerCase(),
        phone: c.phone,
        address: c.address,
        createdAt: now,
        updatedAt: now,
        version: NumberLong(0),
      },
    },
    { upsert: true });
  inserted += result.upsertedCount;
}
print(`init-mongo: customers: ${inserted} of ${seed.customers.length} inserted`);

inserted = 0;
for (const p of seed.products) {
  const product = {
    name: p.name,
    description: p.description,
    price: NumberLong(p.price),
    category: p.category,
    brand: p.brand,
    stock: NumberInt(p.stock),
    reservedStock: NumberInt(0),
    active: true,
    createdAt: now,
    updatedAt: now,
    version: NumberLong(0),
    reservations: [],
  };
  // Optional fields: stored only when the seed has them.
  for (const field of ['weight', 'dimensions', 'specifications', 'images']) {
    if (p[field] !== undefined && p[field] !== null) {
      product[field] = p[field];
    }
  }
  const result = database.products.updateOne({ _id: p.productId }, { $setOnInsert: product }, { upsert: true });
  inserted += result.upsertedCount;
}
print(`init-mongo: products: ${inserted} of ${seed.products.length} inserted`);
