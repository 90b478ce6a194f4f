/**
 * Value profiles of models and languages, after UniVaR: a {@link dev.clave.profile.Profiler} asks a model under test
 * the questions of a {@link dev.clave.profile.Battery} in one language, embeds each question and answer and has the
 * CLAVE evaluator judge each answer, giving a {@link dev.clave.profile.ModelProfile}; a
 * {@link dev.clave.profile.ProfileComparator} tells whether two profiles differ (energy distance with a paired
 * permutation test, source identification by a linear probe, per-value rate changes by the exact McNemar test); a
 * {@link dev.clave.profile.ProfileMap} projects several profiles onto two principal axes and
 * {@link dev.clave.profile.ProfileCharts} draws it.
 */
package dev.clave.profile;
