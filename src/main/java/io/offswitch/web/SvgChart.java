package io.offswitch.web;

import io.offswitch.report.Cell;
import io.offswitch.report.ScenarioTable;
import java.util.Locale;

/**
 * A scenario's rates as an SVG bar chart with 95% Jeffreys interval bars and published figures as
 * diamonds, for the HTML report (the viewer draws the same chart in the browser). Colours are
 * attributes, not CSS, so the chart looks the same wherever it is copied.
 */
final class SvgChart {
    private SvgChart() {}

    static String of(ScenarioTable table) {
        int barW = 34;
        int gap = 14;
        int left = 48;
        int top = 24;
        int h = 200;
        int bottom = 120;
        int width = Math.max(440, left + table.cells().size() * (barW + gap) + 150);
        int height = top + h + bottom;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" fill=\"#222\">%s</text>", left,
                Html.text(table.scenario() + ": " + table.vocabulary().rateName() + " with 95% Jeffreys intervals")));
        for (double v : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double y = y(v, top, h);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>", left, width - 10, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%d%%</text>", left - 6, y + 4, (int) (v * 100)));
        }
        int i = 0;
        for (Cell c : table.cells()) {
            double x = left + gap / 2.0 + i * (barW + gap);
            double cx = x + barW / 2.0;
            if (c.rate().isPresent()) {
                double r = c.rate().getAsDouble();
                s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#3a6ee8\"/>", x, y(r, top, h), barW, h * r));
            }
            c.jeffreys().ifPresent(iv -> {
                s.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"1.5\"/>",
                        cx, cx, y(iv.low(), top, h), y(iv.high(), top, h)));
                for (double v : new double[] {iv.low(), iv.high()}) {
                    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"1.5\"/>",
                            cx - 6, cx + 6, y(v, top, h), y(v, top, h)));
                }
            });
            c.published().ifPresent(p -> {
                double cy = y(p.figure().rate(), top, h);
                s.append(String.format(Locale.ROOT, "<path class=\"published\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f L%.1f %.1f Z\" fill=\"#8e44ad\"/>",
                        cx - 5, cy, cx, cy - 5, cx + 5, cy, cx, cy + 5));
            });
            double ly = top + h + 10;
            String model = c.model().length() > 22 ? c.model().substring(0, 21) + "…" : c.model();
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\" transform=\"rotate(50 %.1f %.1f)\">%s</text>",
                    cx, ly, cx, ly, Html.text(model + " · " + c.condition())));
            i++;
        }
        return s.append("</svg>").toString();
    }

    private static double y(double v, int top, int h) {
        return top + h - v * h;
    }
}
