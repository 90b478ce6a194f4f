/** Value systems: the named, versioned sets of values (with definitions) that every evaluation judges against. */
package dev.clave.value;
