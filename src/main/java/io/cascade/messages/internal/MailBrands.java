package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.brands.api.Brand;
import io.cascade.brands.api.Brands;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The brand a mail carries (issue 18). Mail an issuer sends as the seller — invoices, credit notes, payments, dunning,
 * suspensions — carries the issuer's brand ({@link Brands#ofVendor}); mail about the recipients' own panel and users —
 * invitations, password resets, welcomes, webhook and provisioning notices — the brand their account sees
 * ({@link Brands#seenBy}: a customer its vendor's, a reseller's staff their own). A customer never reads a name from
 * above its vendor: with no brand on the way up, the mail carries its issuer's company name, as before brands.
 * <p>
 * A branded mail's From name is the brand's sender name (else its display name), its From address the brand's sender
 * address when it has one ({@link Senders}); its HTML part gets a header (the name) and a footer (support contacts and
 * legal footer), its text part a signature block with the same, whatever templates the issuer uses.
 */
@Component
class MailBrands {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern WEB = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern BODY_OPEN = Pattern.compile("<body[^>]*>", Pattern.CASE_INSENSITIVE);

    private final Brands brands;
    private final PublicUrl publicUrl;

    MailBrands(Brands brands, PublicUrl publicUrl) {
        this.brands = brands;
        this.publicUrl = publicUrl;
    }

    /**
     * What a mail shows of a brand.
     *
     * @param branded false when no account on the way up has a brand: the name is the issuer's company name, and the
     *                mail has no brand header, footer or sender of its own
     * @param logoUrl a public address of the brand's logo for the HTML header; null: the name alone
     */
    record MailBrand(boolean branded, String name, String senderName, String senderAddress, String primary,
                     String logoUrl, String supportEmail, String supportPhone, String supportUrl,
                     String legalFooter) {
        /** The {@code brand} value of the template model: {@code {{brand.name}}}. */
        Map<String, Object> model() {
            return Map.of("name", name);
        }

        /** The name the mail is sent under. */
        String mailName() {
            return senderName != null ? senderName : name;
        }

        private List<String> contacts() {
            List<String> contacts = new ArrayList<>();
            if (supportEmail != null) {
                contacts.add(supportEmail);
            }
            if (supportPhone != null) {
                contacts.add(supportPhone);
            }
            if (supportUrl != null) {
                contacts.add(supportUrl);
            }
            return contacts;
        }
    }

    /** The brand of a mail the issuer (already read) sends to the reader (null: as the seller, its own brand). */
    MailBrand of(AccountView issuer, ComposedMail.Reader reader) {
        Brand brand = reader == null ? brands.ofVendor(issuer.path())
                : brands.seenBy(reader.accountPath(), reader.vendor());
        if (brand.ownerId() == null) {
            return new MailBrand(false, issuer.companyName(), null, null, Brand.DEFAULT_PRIMARY, null, null, null,
                    null, null);
        }
        String primary = brand.primaryColour() != null && COLOUR.matcher(brand.primaryColour()).matches()
                ? brand.primaryColour() : Brand.DEFAULT_PRIMARY;
        String logo = brand.logoPath() == null ? null : publicUrl.base(brand.ownerId()) + brand.logoPath();
        return new MailBrand(true, brand.displayName(), blankToNull(brand.senderName()),
                blankToNull(brand.senderAddress()), primary, logo, blankToNull(brand.supportEmail()),
                blankToNull(brand.supportPhone()), blankToNull(brand.supportUrl()), blankToNull(brand.legalFooter()));
    }

    /** The HTML part with the brand's header after {@code <body>} and its footer before {@code </body>}. */
    static String html(String html, MailBrand brand) {
        if (html == null || !brand.branded()) {
            return html;
        }
        String header = header(brand);
        String footer = footer(brand);
        var open = BODY_OPEN.matcher(html);
        String out = open.find() ? html.substring(0, open.end()) + header + html.substring(open.end())
                : header + html;
        int close = out.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return close >= 0 ? out.substring(0, close) + footer + out.substring(close) : out + footer;
    }

    /** The text part with the brand's signature block: its name, support contacts and legal footer. */
    static String text(String text, MailBrand brand) {
        if (text == null || !brand.branded()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.stripTrailing()).append("\n\n-- \n").append(brand.name());
        List<String> contacts = brand.contacts();
        if (!contacts.isEmpty()) {
            out.append('\n').append(String.join(" · ", contacts));
        }
        if (brand.legalFooter() != null) {
            out.append("\n\n").append(brand.legalFooter());
        }
        return out.append('\n').toString();
    }

    private static String header(MailBrand brand) {
        StringBuilder out = new StringBuilder("<div id=\"brand-header\" style=\"border-bottom:3px solid ")
                .append(brand.primary()).append(";padding:8px 0;margin-bottom:16px\">");
        if (brand.logoUrl() != null) {
            out.append("<img src=\"").append(HtmlUtils.htmlEscape(brand.logoUrl())).append("\" alt=\"")
                    .append(HtmlUtils.htmlEscape(brand.name()))
                    .append("\" style=\"max-height:40px;vertical-align:middle;margin-right:8px\">");
        }
        return out.append("<span style=\"font-size:18px;font-weight:bold;color:").append(brand.primary())
                .append("\">").append(HtmlUtils.htmlEscape(brand.name())).append("</span></div>").toString();
    }

    private static String footer(MailBrand brand) {
        StringBuilder out = new StringBuilder("<div id=\"brand-footer\" style=\"border-top:1px solid #ccc;"
                + "margin-top:20px;padding-top:8px;font-size:12px;color:#666\">");
        out.append("<div>").append(HtmlUtils.htmlEscape(brand.name())).append("</div>");
        List<String> parts = new ArrayList<>();
        if (brand.supportEmail() != null) {
            String email = HtmlUtils.htmlEscape(brand.supportEmail());
            parts.add("<a href=\"mailto:" + email + "\">" + email + "</a>");
        }
        if (brand.supportPhone() != null) {
            parts.add(HtmlUtils.htmlEscape(brand.supportPhone()));
        }
        if (brand.supportUrl() != null) {
            String url = HtmlUtils.htmlEscape(brand.supportUrl());
            parts.add(WEB.matcher(brand.supportUrl()).matches() ? "<a href=\"" + url + "\">" + url + "</a>" : url);
        }
        if (!parts.isEmpty()) {
            out.append("<div>").append(String.join(" · ", parts)).append("</div>");
        }
        if (brand.legalFooter() != null) {
            out.append("<div style=\"white-space:pre-line;margin-top:6px\">")
                    .append(HtmlUtils.htmlEscape(brand.legalFooter())).append("</div>");
        }
        return out.append("</div>").toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
