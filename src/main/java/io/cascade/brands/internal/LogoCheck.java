package io.cascade.brands.internal;

import io.cascade.brands.api.BrandManagement;
import io.cascade.brands.api.Brands;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Checks an uploaded logo and answers what is stored (ADR 0033): at most {@link BrandManagement#MAX_LOGO_BYTES}; a PNG
 * must start with the PNG signature, name at most {@link BrandManagement#MAX_LOGO_PIXELS} in width and height (read
 * from its header before anything is decoded) and decode as an image; an SVG is sanitised ({@link SvgSanitiser}).
 * Anything else is refused with a field error on {@code logo}.
 */
final class LogoCheck {
    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private LogoCheck() {
    }

    static Brands.Logo checked(String mediaType, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("logo", "is empty: send the image as the request body");
        }
        if (bytes.length > BrandManagement.MAX_LOGO_BYTES) {
            throw tooLarge();
        }
        if (PNG.equals(mediaType)) {
            return new Brands.Logo(PNG, png(bytes));
        }
        if (SVG.equals(mediaType)) {
            try {
                byte[] clean = SvgSanitiser.sanitise(bytes);
                if (clean.length > BrandManagement.MAX_LOGO_BYTES) {
                    throw tooLarge();
                }
                return new Brands.Logo(SVG, clean);
            } catch (SvgSanitiser.NotAnSvg e) {
                throw new InvalidInputException("logo", e.getMessage());
            }
        }
        throw new InvalidInputException("logo", "must be image/png or image/svg+xml");
    }

    static RuleViolationException tooLarge() {
        return new RuleViolationException(Problem.BODY_TOO_LARGE, "A logo may have at most "
                + BrandManagement.MAX_LOGO_BYTES / 1024 + " KiB.");
    }

    private static byte[] png(byte[] bytes) {
        if (bytes.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw new InvalidInputException("logo", "is not a PNG image (it lacks the PNG signature)");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidInputException("logo", "is not a readable PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int max = BrandManagement.MAX_LOGO_PIXELS;
                if (width > max || height > max) {
                    throw new InvalidInputException("logo", "is " + width + "×" + height + " pixels; at most " + max
                            + "×" + max + " are accepted");
                }
                if (reader.read(0) == null) {
                    throw new InvalidInputException("logo", "is not a readable PNG image");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("logo", "is not a readable PNG image");
        }
        return bytes;
    }
}
