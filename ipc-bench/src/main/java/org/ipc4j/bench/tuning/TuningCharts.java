package org.ipc4j.bench.tuning;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The guide's PNG charts, drawn with XChart: curves over a numeric setting, and bars over named settings. */
final class TuningCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private TuningCharts() {
    }

    /** A curve per series; each series is {x[], y[]}; NaN points are left out. Axes log-scaled as asked. */
    static void curves(String title, String xTitle, String yTitle, Map<String, double[][]> series, boolean logX,
                       boolean logY, Path file) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###").setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS);
        boolean any = false;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            for (int i = 0; i < x.length; i++) {
                if (!Double.isNaN(x[i]) && !Double.isNaN(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), xs, ys);
                s.setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (any) {
            save(chart, file);
        }
    }

    /** Bars: one group per category, one bar per series; values in the order of the categories (NaN = 0). */
    static void bars(String title, String yTitle, List<String> categories, Map<String, List<Double>> series, boolean logY,
                     Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        double min = series.values().stream().flatMap(List::stream).filter(v -> !Double.isNaN(v) && v > 0)
                .mapToDouble(Double::doubleValue).min().orElse(1);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 45 : 0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS);
        if (logY) {
            // bars grow from the axis minimum, which a log axis cannot put at zero
            chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (Double v : e.getValue()) {
                ys.add(v == null || Double.isNaN(v) ? (logY ? Math.pow(10, Math.floor(Math.log10(min))) : 0.0) : v);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        if (!categories.isEmpty() && !series.isEmpty()) {
            save(chart, file);
        }
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
