package dev.vgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Writes two per-epoch curves, such as the training loss and the test accuracy, as a PNG chart (XChart, headless). */
final class TrainingCurves {
    private TrainingCurves() {}

    /**
     * The first curve on the left axis; the second on its own right axis where {@code secondOwnAxis} (a percentage
     * beside a loss), else on the same axis (two losses).
     */
    static void write(Path png, String title, String firstName, List<Double> first, String secondName,
                      List<Double> second, boolean secondOwnAxis) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = new double[first.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("epoch").build();
        chart.setYAxisGroupTitle(0, secondOwnAxis ? firstName : "loss");
        XYSeries a = chart.addSeries(firstName, epochs, first.stream().mapToDouble(Double::doubleValue).toArray());
        a.setYAxisGroup(0);
        XYSeries b = chart.addSeries(secondName, epochs, second.stream().mapToDouble(Double::doubleValue).toArray());
        if (secondOwnAxis) {
            b.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, secondName);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        } else {
            b.setYAxisGroup(0);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
