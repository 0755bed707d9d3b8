package dev.vgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Writes the per-epoch training loss and test accuracy as a PNG chart (XChart, headless). */
final class TrainingCurves {
    private TrainingCurves() {}

    static void write(Path png, List<Double> loss, List<Double> accuracy) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = new double[loss.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("vgrad: MLP 784-128-64-10 on Fashion-MNIST")
                .xAxisTitle("epoch").build();
        chart.setYAxisGroupTitle(0, "train loss");
        chart.setYAxisGroupTitle(1, "test accuracy (%)");
        XYSeries l = chart.addSeries("train loss", epochs, loss.stream().mapToDouble(Double::doubleValue).toArray());
        l.setYAxisGroup(0);
        XYSeries a = chart.addSeries("test accuracy", epochs, accuracy.stream().mapToDouble(Double::doubleValue).toArray());
        a.setYAxisGroup(1);
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
