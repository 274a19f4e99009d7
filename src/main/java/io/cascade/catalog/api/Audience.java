package io.cascade.catalog.api;

/** Who a plan is for: resellers that resell what they buy, or end customers that consume it. */
public enum Audience {
    RESELLER, END_CUSTOMER
}
