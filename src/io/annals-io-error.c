/* annals-io-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-io"

#include "config.h"

#include "annals-io-error.h"

G_DEFINE_QUARK (annals-io-error-quark, annals_io_error)
