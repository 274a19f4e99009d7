package io.cascade.brands.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgSanitiserTest {

    private static String sanitised(String svg) throws SvgSanitiser.NotAnSvg {
        return new String(SvgSanitiser.sanitise(svg.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void scriptsHandlersForeignContentAndOuterLinksAreRemoved() throws Exception {
        String clean = sanitised("""
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                     xmlns:evil="urn:evil" viewBox="0 0 10 10" onload="a()" evil:x="1">
                  <!-- a comment --><?php echo 1 ?>
                  <script type="text/javascript">b()</script>
                  <foreignObject><iframe src="https://evil.example"/></foreignObject>
                  <image href="https://evil.example/a.png" width="5" height="5"/>
                  <animate attributeName="href" to="javascript:c()"/>
                  <a href="https://evil.example"><text>link</text></a>
                  <g onmouseover="d()" transform="translate(1 1)">
                    <use xlink:href="#shape"/>
                    <use href="https://evil.example/s.svg#x"/>
                    <path id="shape" d="M0 0L5 5" fill="url(#grad)" stroke="url(https://evil.example/x)"/>
                    <rect width="1" height="1" style="fill:url('https://evil.example/t')"/>
                    <rect width="2" height="2" style="fill:#123456;stroke:red"/>
                  </g>
                  <style>@import url(https://evil.example/x.css); rect { fill: red }</style>
                  <style>circle { fill: #abcdef }</style>
                  <evil:thing/>
                </svg>""");
        assertThat(clean).doesNotContain("script", "foreignObject", "iframe", "image", "animate", "onload",
                "onmouseover", "evil", "javascript", "comment", "php", "@import", "<a ");
        assertThat(clean).contains("<use xlink:href=\"#shape\"", "fill=\"url(#grad)\"", "transform=\"translate(1 1)\"",
                "style=\"fill:#123456;stroke:red\"", "circle { fill: #abcdef }", "viewBox=\"0 0 10 10\"");
        assertThat(clean).as("the path stays, without its outer stroke").contains("<path d=\"M0 0L5 5\"")
                .doesNotContain("stroke=\"url");
    }

    @Test
    void doctypesAndEntitiesAreRefused() {
        assertThatThrownBy(() -> sanitised("""
                <!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>"""))
                .isInstanceOf(SvgSanitiser.NotAnSvg.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> sanitised("""
                <!DOCTYPE svg SYSTEM "http://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>"""))
                .isInstanceOf(SvgSanitiser.NotAnSvg.class);
    }

    @Test
    void onlyAnSvgDocumentIsAnSvg() {
        assertThatThrownBy(() -> sanitised("<svg>no namespace</svg>")).isInstanceOf(SvgSanitiser.NotAnSvg.class)
                .hasMessageContaining("SVG namespace");
        assertThatThrownBy(() -> sanitised("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>"))
                .isInstanceOf(SvgSanitiser.NotAnSvg.class);
        assertThatThrownBy(() -> sanitised("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"))
                .isInstanceOf(SvgSanitiser.NotAnSvg.class).hasMessageContaining("well-formed");
    }
}
