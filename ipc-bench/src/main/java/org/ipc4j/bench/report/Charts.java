package org.ipc4j.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.LatencyRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart. */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /**
     * Latency percentile curves of one workload: x is the percentile spaced by its nines (p90, p99, p99.9,
     * p99.99 one step apart, p50 one step before), y the latency in microseconds (log scale); one curve per
     * implementation, the hardware floor dashed.
     */
    static void latency(String title, List<LatencySummary> rows, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("percentile").yAxisTitle("round trip (us, log scale)").build();
        long lowest = rows.stream().mapToLong(r -> Math.max(1, r.percentiles()[0])).min().orElse(1);
        long highest = rows.stream().mapToLong(r -> r.percentiles()[r.percentiles().length - 1]).max().orElse(1);
        // a label on every tick only where the curves span less than about a decade and a half
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(highest / lowest > 30)
                .setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(LatencyRecord.PERCENTILES.length - 1.0);
        chart.setCustomXAxisTickLabelsFormatter(Charts::percentileLabel);
        double[] x = new double[LatencyRecord.PERCENTILES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        for (LatencySummary row : rows) {
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(row.percentiles()[i], 1) / 1000.0;
            }
            XYSeries series = chart.addSeries(legend(row.implementation(), row.kind()), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            if (row.kind() == Kind.FLOOR) {
                series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        save(chart, file);
    }

    /** Bars of one score group: a bar per implementation for each workload; log scale when values span > 50x. */
    static void scores(String title, List<ScoreSummary> rows, Path file) throws IOException {
        List<String> workloads = ScoreSummaryOrder.workloads(rows);
        List<String> implementations = ScoreSummaryOrder.implementations(rows);
        String unit = rows.get(0).unit();
        boolean complete = rows.size() == workloads.size() * implementations.size();
        double max = rows.stream().mapToDouble(ScoreSummary::score).max().orElse(1);
        double min = rows.stream().mapToDouble(ScoreSummary::score).filter(v -> v > 0).min().orElse(1);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle(unit + (ScoreSummaryOrder.higherIsBetter(rows) ? ", higher is better" : ", lower is better"))
                .build();
        if (complete && max / min > 50) {
            // bars grow from the axis minimum, which a log axis cannot put at zero
            chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(workloads.size() > 4 ? 20 : 0);
        for (String implementation : implementations) {
            List<Double> ys = new java.util.ArrayList<>();
            for (String workload : workloads) {
                ys.add(rows.stream().filter(r -> r.workload().equals(workload) && r.implementation().equals(implementation))
                        .mapToDouble(ScoreSummary::score).findFirst().orElse(0));
            }
            Kind kind = rows.stream().filter(r -> r.implementation().equals(implementation)).findFirst().get().kind();
            chart.addSeries(legend(implementation, kind), workloads, ys);
        }
        save(chart, file);
    }

    private static String legend(String implementation, Kind kind) {
        return kind == Kind.FLOOR ? implementation + " [hardware floor]" : implementation;
    }

    /** The label of x = 0, 1, 2..: "p50", "p90", "p99".., nothing between them. */
    static String percentileLabel(double x) {
        long index = Math.round(x);
        if (Math.abs(x - index) > 1e-9 || index < 0 || index >= LatencyRecord.PERCENTILES.length) {
            return "";
        }
        double p = LatencyRecord.PERCENTILES[(int) index];
        return "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
