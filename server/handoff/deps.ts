import type { CustomerInsights } from "../customers/index.ts";
import type { AgentRecord, Customer, Order, Product } from "../storage/index.ts";

/** The part of the customer-insights service the handoff uses (sidebar and priority). */
export interface InsightsSource {
  getInsights(customerId: string, options?: { k?: number }): Promise<CustomerInsights>;
}

/** Shop look-ups for the sidebar and product cards. */
export interface HandoffShop {
  getCustomer(id: string): Promise<Customer | undefined>;
  listCustomerOrders(customerId: string, limit?: number): Promise<Order[]>;
  getProducts(ids: readonly string[]): Promise<Product[]>;
}

/** The part of the auth service the handoff uses. */
export interface AgentDirectory {
  getAgent(id: string): Promise<AgentRecord | undefined>;
  listAgents(): Promise<AgentRecord[]>;
}
