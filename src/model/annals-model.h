/* annals-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "annals-countries.h"
#include "annals-date.h"
#include "annals-document.h"
#include "annals-enums.h"
#include "annals-event.h"
#include "annals-event-set.h"
#include "annals-event-store.h"
#include "annals-filter.h"
