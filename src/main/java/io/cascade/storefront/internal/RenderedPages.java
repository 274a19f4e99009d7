package io.cascade.storefront.internal;

import io.cascade.storefront.api.StorefrontOffer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cacheable storefront pages as rendered once per {@code ETag}: a plan list of 1,000 plans is about 400 kB of
 * HTML and tens of milliseconds of template work, the same for every visitor until the offer changes, and the offer's
 * tag names exactly what the page shows (settings, brand, day, tax rate, every plan's values). A page is kept per
 * host, path, query, language and tag; a changed offer has a new tag, so a stale page is never served. The cache is
 * bounded (by bytes): when full it starts again empty.
 */
@Component
class RenderedPages {
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final ThymeleafViewResolver views;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    RenderedPages(ThymeleafViewResolver views) {
        this.views = views;
    }

    /** Writes the page when it was rendered for this offer before; false when it must be rendered. */
    boolean send(StorefrontOffer offer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] page = pages.get(key(offer, request));
        if (page == null) {
            return false;
        }
        write(page, response);
        return true;
    }

    /** Renders the template with the model, keeps the page for the offer's tag and writes it. */
    void render(String template, StorefrontOffer offer, Model model, HttpServletRequest request,
                HttpServletResponse response) throws Exception {
        Locale locale = RequestContextUtils.getLocale(request);
        View view = views.resolveViewName(template, locale);
        if (view == null) {
            throw new IllegalStateException("no template " + template);
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        view.render(model.asMap(), request, captured);
        byte[] page = captured.getContentAsByteArray();
        if (bytes.addAndGet(page.length) > MAX_BYTES) {
            pages.clear();
            bytes.set(page.length);
        }
        pages.put(key(offer, request), page);
        write(page, response);
    }

    private static void write(byte[] page, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private static String key(StorefrontOffer offer, HttpServletRequest request) {
        return request.getServerName() + '|' + request.getRequestURI() + '?' + request.getQueryString() + '|'
                + RequestContextUtils.getLocale(request).toLanguageTag() + '|' + offer.etag();
    }
}
