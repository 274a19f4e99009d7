package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.billing.api.MrrReport;
import io.cascade.billing.api.ReceivablesAgeing;
import io.cascade.billing.api.ReceivablesReports;
import io.cascade.shared.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Receivables in the panel (issue 17), through {@code ReceivablesReports}: the ageing of an issuer's open invoices
 * per buyer with a chart of the bucket totals, and its MRR per month with the movements and a chart; both as CSV.
 */
@Controller
class ReceivablesPagesController {
    private final ReceivablesReports reports;
    private final AccountManagement accounts;

    ReceivablesPagesController(ReceivablesReports reports, AccountManagement accounts) {
        this.reports = reports;
        this.accounts = accounts;
    }

    @GetMapping("/panel/accounts/{accountId}/receivables")
    String page(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                Model model) {
        Caller caller = viewer.caller();
        ReceivablesAgeing ageing = reports.ageing(caller, accountId, asOf);
        MrrReport mrr = reports.mrr(caller, accountId, from, to);
        model.addAttribute("account", accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId));
        model.addAttribute("ageing", ageing);
        model.addAttribute("ageingCharts", ageing.currencies().stream().map(c -> BarChart.of(
                "Open receivables by days past due (" + c.currency() + ")", c.currency(), List.of(
                        new BarChart.Point("Current", c.totals().current().amount()),
                        new BarChart.Point("1-30", c.totals().days1To30().amount()),
                        new BarChart.Point("31-60", c.totals().days31To60().amount()),
                        new BarChart.Point("61-90", c.totals().days61To90().amount()),
                        new BarChart.Point("Over 90", c.totals().over90().amount())))).toList());
        model.addAttribute("mrr", mrr);
        List<BarChart> mrrCharts = new ArrayList<>();
        for (MrrReport.Series s : mrr.currencies()) {
            mrrCharts.add(BarChart.of("MRR at month end (" + s.currency() + ")", s.currency(), s.months().stream()
                    .map(m -> new BarChart.Point(BarChart.label(m.month()), m.mrr().amount())).toList()));
        }
        model.addAttribute("mrrCharts", mrrCharts);
        model.addAttribute("tab", "invoices");
        return "panel/receivables";
    }

    @GetMapping("/panel/accounts/{accountId}/receivables/ageing.csv")
    ResponseEntity<byte[]> ageingCsv(Viewer viewer, @PathVariable UUID accountId,
                                     @RequestParam(required = false) String asOf) {
        return csv(reports.ageingCsv(viewer.caller(), accountId, asOf), "ageing");
    }

    @GetMapping("/panel/accounts/{accountId}/receivables/mrr.csv")
    ResponseEntity<byte[]> mrrCsv(Viewer viewer, @PathVariable UUID accountId,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        return csv(reports.mrrCsv(viewer.caller(), accountId, from, to), "mrr");
    }

    private static ResponseEntity<byte[]> csv(String body, String name) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
