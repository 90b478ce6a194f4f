/** Helpers of Clave's own modules (preconditions, hashing, atomic files, resource lookup); not an API for users. */
package dev.clave.internal;
