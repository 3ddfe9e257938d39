/** Row mapping and helper statements shared by the queries. */
package dev.netproof.query.internal;
