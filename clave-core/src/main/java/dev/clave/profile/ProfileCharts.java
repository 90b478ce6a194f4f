package dev.clave.profile;

import dev.clave.internal.AtomicFiles;
import org.apiguardian.api.API;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Draws a {@link ProfileMap} as a scatter chart with XChart: one series per profile, coloured by model, with one
 * marker shape per language, the axes labelled with their share of the variance. PNG for reports, SVG for documents.
 * Runs headless. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProfileCharts {

    /** The default width in pixels. */
    public static final int WIDTH = 900;
    /** The default height in pixels. */
    public static final int HEIGHT = 650;

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE,
            SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    private ProfileCharts() {
    }

    /** The chart of a map, to adjust before encoding. */
    public static XYChart chart(ProfileMap map, int width, int height) {
        notNull(map, "map");
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "Value map of %d profiles: PCA of %s", map.profiles().size(),
                        map.description()))
                .xAxisTitle(axisTitle("PC1", map.explainedFirst(), map.firstAxis()))
                .yAxisTitle(axisTitle("PC2", map.explainedSecond(), map.secondAxis()))
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        List<String> models = new ArrayList<>(new LinkedHashSet<>(map.points().stream().map(ProfileMap.Point::model).toList()));
        List<String> languages = new ArrayList<>(new LinkedHashSet<>(map.points().stream().map(ProfileMap.Point::language).toList()));
        for (String profile : map.profiles()) {
            List<ProfileMap.Point> points = map.pointsOf(profile);
            if (points.isEmpty() || chart.getSeriesMap().containsKey(profile)) {
                continue;
            }
            XYSeries series = chart.addSeries(profile, points.stream().mapToDouble(ProfileMap.Point::x).toArray(),
                    points.stream().mapToDouble(ProfileMap.Point::y).toArray());
            Color colour = COLOURS[models.indexOf(points.get(0).model()) % COLOURS.length];
            series.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 190));
            series.setMarker(MARKERS[languages.indexOf(points.get(0).language()) % MARKERS.length]);
        }
        return chart;
    }

    private static String axisTitle(String name, double explained, String strongest) {
        return String.format(Locale.ROOT, "%s (%.1f%% of variance%s)", name, explained * 100,
                strongest.isEmpty() ? "" : "; mostly " + strongest);
    }

    /** The map as a PNG image of the default size. */
    public static byte[] png(ProfileMap map) {
        try {
            return BitmapEncoder.getBitmapBytes(chart(map, WIDTH, HEIGHT), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the profile map", e);
        }
    }

    /** The map as an SVG document of the default size. */
    public static byte[] svg(ProfileMap map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart(map, WIDTH, HEIGHT), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the profile map", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the map to a file, as SVG when its name ends in {@code .svg}, else as PNG; the file is replaced only once
     * it is complete.
     *
     * @return the file
     */
    public static Path write(ProfileMap map, Path file) {
        notNull(file, "file");
        byte[] bytes = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg") ? svg(map) : png(map);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("the profile map", file, e, "give a path in a writable directory");
        }
        return file;
    }
}
