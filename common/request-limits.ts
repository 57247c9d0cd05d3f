/**
 * How large a request body may be, where. A client may send the gateway 1 MB
 * (a spreadsheet batch of 2,500 rows fits). What the gateway sends a subgraph
 * is that body's operation and variables, or entity representations the
 * planner built from subgraph answers — bounded by the cost limit — so a
 * subgraph needs no more than a few times the client's limit. Anything larger
 * did not come from the gateway.
 */
export const CLIENT_BODY_LIMIT_BYTES = 1024 * 1024;
export const SUBGRAPH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
