package io.cascade.storefront.api;

/** Whether a confirmed sign-up becomes a customer at once ({@code AUTOMATIC}) or waits for the vendor ({@code MANUAL}). */
public enum ApprovalMode {
    AUTOMATIC, MANUAL
}
