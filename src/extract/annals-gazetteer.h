/* annals-gazetteer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-tokenizer.h"

G_BEGIN_DECLS

/* Names of countries and places, and the country each one is in.
 *
 * The default gazetteer joins three sources: the ISO 3166-1 names of
 * iso-codes (name, official name, common name), and the aliases and
 * places files of data/gazetteer/, which are compiled into the extract
 * library as a GResource so the installed app, the Flatpak and the build
 * tree all see the same data. The file format is described at the top of
 * each data file: "CODE<TAB>TYPE<TAB>NAME|NAME…". */

typedef enum
{
  ANNALS_PLACE_COUNTRY,
  ANNALS_PLACE_DEMONYM,
  ANNALS_PLACE_CAPITAL,
  ANNALS_PLACE_CITY,
  ANNALS_PLACE_REGION,
  ANNALS_PLACE_DISTRICT,
  ANNALS_PLACE_GROUND,
  ANNALS_PLACE_SEA,
} AnnalsPlaceType;

typedef struct
{
  char   code[3];  /* "" for a place outside any country */
  guint8 type;     /* AnnalsPlaceType */
  char  *name;     /* as written in the data */
} AnnalsPlace;

typedef struct _AnnalsGazetteer AnnalsGazetteer;

#define ANNALS_GAZETTEER_ERROR (annals_gazetteer_error_quark ())

typedef enum
{
  ANNALS_GAZETTEER_ERROR_PARSE,
} AnnalsGazetteerError;

GQuark             annals_gazetteer_error_quark (void);

/* Built once, on first use, and shared; never NULL. */
AnnalsGazetteer   *annals_gazetteer_get_default (void);

AnnalsGazetteer   *annals_gazetteer_new         (void);
void               annals_gazetteer_free        (AnnalsGazetteer    *self);
/* Adds the entries of a data file; @name is used in error messages. */
gboolean           annals_gazetteer_load_data   (AnnalsGazetteer    *self,
                                                 const char         *data,
                                                 gsize               length,
                                                 const char         *name,
                                                 GError            **error);
/* Adds the names of iso-codes' iso_3166-1.xml. */
gboolean           annals_gazetteer_load_iso_codes (AnnalsGazetteer *self,
                                                 const char         *path,
                                                 GError            **error);
void               annals_gazetteer_add         (AnnalsGazetteer    *self,
                                                 const char         *code,
                                                 AnnalsPlaceType     type,
                                                 const char         *name);

/* The longest name that starts at token @index and ends before @limit;
 * *n_tokens is set to its length. NULL when none starts there. */
const AnnalsPlace *annals_gazetteer_match       (AnnalsGazetteer    *self,
                                                 const AnnalsTokens *tokens,
                                                 guint               index,
                                                 guint               limit,
                                                 guint              *n_tokens);
/* A name looked up as a whole ("Tashkent", "Russian Federation"). */
const AnnalsPlace *annals_gazetteer_lookup      (AnnalsGazetteer    *self,
                                                 const char         *name);
guint              annals_gazetteer_get_size    (AnnalsGazetteer    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsGazetteer, annals_gazetteer_free)

G_END_DECLS
