package io.cascade.payments.internal;

import io.cascade.payments.api.CheckoutManagement;
import io.cascade.payments.api.CheckoutView;
import io.cascade.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Online payments", description = "Paying invoices through the issuer's payment gateway: a hosted checkout the buyer is sent to, confirmed by the gateway's signed callback; the issuer's gateway settings")
class CheckoutController {
    private final CheckoutManagement checkouts;

    CheckoutController(CheckoutManagement checkouts) {
        this.checkouts = checkouts;
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/checkouts")
    @Operation(operationId = "startCheckout", summary = "Start paying an open invoice online: a hosted checkout at the issuer's gateway; send the buyer to its redirectUrl")
    @ApiResponse(responseCode = "201", description = "A new checkout")
    @ApiResponse(responseCode = "200", description = "The checkout already open for the invoice (same amount, started within cascade.payments.checkout-reuse)")
    @ApiResponse(responseCode = "409", description = "Nothing is due on the invoice (not-payable)")
    @ApiResponse(responseCode = "422", description = "The issuer does not accept ONLINE (online-payment-not-accepted) or has no gateway (payment-gateway-not-configured)")
    @ApiResponse(responseCode = "503", description = "The gateway did not take the checkout (payment-gateway-unavailable); nothing is stored")
    ResponseEntity<CheckoutView> start(@Parameter(hidden = true) Caller caller, @PathVariable UUID invoiceId) {
        CheckoutManagement.Started started = checkouts.start(caller, invoiceId);
        return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK).body(started.checkout());
    }
}
