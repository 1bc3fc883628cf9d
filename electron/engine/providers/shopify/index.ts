import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header } from '../http-helpers';
import type { EventDefinition, Provider } from '../types';
import { forgeShopify } from './forge';

/**
 * After a client-secret rotation Shopify may sign with the previous secret for up to an hour:
 * configure both secrets and verification accepts either.
 */
const SCHEME: BodyHmacScheme = {
  providerName: 'Shopify',
  header: 'X-Shopify-Hmac-SHA256',
  algorithm: 'sha256',
  encoding: 'base64',
  prefix: '',
};

/**
 * Templates are JSON text: Shopify ids exceed 2^53 (820982911946154508), and a JS number would
 * round them (…500). Forge sends the text as is (variables expanded), so the ids stay exact.
 */
const customer = `{
    "id": 115310627314723954,
    "email": "john@example.com",
    "first_name": "John",
    "last_name": "Smith"
  }`;

const events: readonly EventDefinition[] = [
  {
    name: 'orders/create',
    description: 'An order was placed.',
    template: `{
  "id": 820982911946154508,
  "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
  "email": "jon@example.com",
  "created_at": "2024-05-02T10:14:22-04:00",
  "currency": "USD",
  "financial_status": "paid",
  "name": "#9999",
  "total_price": "403.00",
  "subtotal_price": "393.00",
  "total_tax": "0.00",
  "customer": ${customer},
  "line_items": [
    {
      "id": 866550311766439020,
      "title": "Aviator sunglasses",
      "quantity": 1,
      "price": "89.99",
      "sku": "SKU2006-001"
    }
  ]
}`,
  },
  {
    name: 'products/update',
    description: 'A product was updated.',
    template: `{
  "id": 788032119674292922,
  "title": "Example T-Shirt",
  "vendor": "Acme",
  "product_type": "Shirts",
  "status": "active",
  "updated_at": "2024-05-02T10:20:00-04:00",
  "variants": [{ "id": 642667041472713922, "title": "Small", "price": "19.99", "sku": "EX-TS-S" }]
}`,
  },
];

export const shopify: Provider = {
  id: 'shopify',
  name: 'Shopify',
  detect(delivery) {
    const topic = header(delivery, 'X-Shopify-Topic');
    if (header(delivery, SCHEME.header) !== null) return { event: topic, confidence: 1 };
    return topic !== null ? { event: topic, confidence: 0.8 } : null;
  },
  verify(delivery, context) {
    return verifyBodyHmac(SCHEME, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SCHEME, request, secret);
  },
  forge: forgeShopify,
  events,
};
