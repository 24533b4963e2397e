/* wk-synthetic.c: a generator of made-up municipalities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units are a Voronoi tessellation of random points, denser in towns,
 * clipped to a blob-shaped boundary.  Their edges get a vertex every few
 * tens of metres with a small wiggle, like digitised CBS boundaries, and the
 * wiggled edge network is polygonized again, so that neighbours share their
 * boundaries exactly, as in the CBS wijk- en buurtkaart.  Populations follow
 * a density that peaks in the towns.  Everything comes from one seed.
 */

#define G_LOG_DOMAIN "wk-synthetic"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-dataset.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"
#include "wk-synthetic.h"

typedef struct
{
  double  x, y;
  double  sigma;      /* m */
  double  peak;       /* inhabitants per km² at the centre */
  char   *name;
  guint   gm;
  guint   n_sectors;  /* wijken of the town */
  gboolean village;
} Town;

typedef struct
{
  GEOSGeometry *geom;
  double        cx, cy;
  double        area;
  guint         town;
  guint         gm;
  guint         wijk;     /* index into wijken */
  double        density;
  gint64        pop;
  int           p65;
  char         *code;
  char         *name;
  guint         area_id;  /* starting plan */
} Cell;

typedef struct
{
  guint  gm;
  guint  town;
  guint  number;          /* within the municipality */
  char  *name;
  guint  n_cells;
} Wijk;

static const char *town_names[] = {
  "Dijkveen", "Oudeland", "Kerkhoven", "Westerlaan", "Molendam", "Hoogwoud", "Zuiderbroek",
  "Nieuwkoop aan de Vliet", "Rietveld", "Braakhuizen", "Lindendonk", "Veenhuizerwaard",
};

static const char *urban_names[] = {
  "Centrum", "Oude Haven", "Molenwijk", "Kerkbuurt", "Het Veld", "Schildersbuurt", "Bloemenwijk",
  "Dijkzicht", "Vogelwijk", "Stationsbuurt", "De Weide", "Rozenhof", "Bomenbuurt", "Lindenhof",
  "Waterwijk", "De Akkers", "Poldersingel", "Zuiderpark", "Noorderhof", "Meander", "De Gaarden",
  "Sterrenwijk", "Park Oost", "Havenkwartier", "Rivierenbuurt", "Componistenbuurt", "Het Fort",
  "De Vinken", "Burgemeesterswijk", "Boerderijen", "Slotenbuurt", "De Hoven",
};

static const char *directions[] = { "Oost", "Noordoost", "Noord", "Noordwest", "West", "Zuidwest",
                                    "Zuid", "Zuidoost" };
static const char *streets[] = {
  "Dorpsstraat", "Kerkplein", "Molenweg", "Raadhuisstraat", "Stationsweg", "Julianalaan",
  "Wilhelminapark", "Beatrixlaan", "Havenkade", "Singel", "Nieuwstraat", "Voorstraat",
  "Achterweg", "Parklaan", "Lindelaan", "Burgemeester de Vrieslaan",
};

void
wk_synthetic_options_init (WkSyntheticOptions *options)
{
  memset (options, 0, sizeof *options);
  options->n_units = 48;
  options->n_municipalities = 1;
  options->seed = 20261123;
  options->center_x = 121500;
  options->center_y = 448500;
  options->unit_size_m = 1300;
  options->vertex_spacing_m = 70;
  options->population = 0;
  options->name = "Dijkveen";
  options->code = 9901;
  options->units_format = "geojson";
  options->sample_plan = TRUE;
}

/* Towns seen from a point.  A few towns are all looked at, as the sample
 * was made; with many (a national data set has over a thousand), each
 * point looks only at the towns whose influence reaches its cell of a
 * grid, which keeps the generator linear in the number of units. */
typedef struct
{
  GArray  *towns;
  double   x0, y0, size;
  guint    nx, ny;
  GArray **buckets;       /* guint town indices per cell; NULL: use all towns */
} TownIndex;

#define TOWN_INDEX_MIN 16
/* beyond 8 σ a town adds less than 10⁻⁶ of its peak to either sum */
#define TOWN_REACH 8.0

static void
town_index_init (TownIndex *index,
                 GArray    *towns,
                 double     cell_size)
{
  double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  memset (index, 0, sizeof *index);
  index->towns = towns;
  if (towns->len <= TOWN_INDEX_MIN)
    return;
  index->x0 = index->y0 = G_MAXDOUBLE;
  for (guint t = 0; t < towns->len; t++)
    {
      const Town *town = &g_array_index (towns, Town, t);
      double r = TOWN_REACH * sqrt (2.2) * town->sigma;

      index->x0 = MIN (index->x0, town->x - r);
      index->y0 = MIN (index->y0, town->y - r);
      x1 = MAX (x1, town->x + r);
      y1 = MAX (y1, town->y + r);
    }
  index->size = MAX (cell_size, 1.0);
  index->nx = MIN ((guint) ((x1 - index->x0) / index->size) + 1, 4096);
  index->ny = MIN ((guint) ((y1 - index->y0) / index->size) + 1, 4096);
  index->size = MAX ((x1 - index->x0) / index->nx, (y1 - index->y0) / index->ny) * 1.0001;
  index->buckets = g_new0 (GArray *, index->nx * index->ny);
  for (guint t = 0; t < towns->len; t++)
    {
      const Town *town = &g_array_index (towns, Town, t);
      double r = TOWN_REACH * sqrt (2.2) * town->sigma;
      guint cx0 = (guint) ((town->x - r - index->x0) / index->size);
      guint cy0 = (guint) ((town->y - r - index->y0) / index->size);
      guint cx1 = MIN ((guint) ((town->x + r - index->x0) / index->size), index->nx - 1);
      guint cy1 = MIN ((guint) ((town->y + r - index->y0) / index->size), index->ny - 1);

      for (guint cy = cy0; cy <= cy1; cy++)
        for (guint cx = cx0; cx <= cx1; cx++)
          {
            GArray **b = &index->buckets[cy * index->nx + cx];

            if (*b == NULL)
              *b = g_array_new (FALSE, FALSE, sizeof (guint));
            g_array_append_val (*b, t);
          }
    }
}

static void
town_index_clear (TownIndex *index)
{
  for (guint i = 0; index->buckets != NULL && i < index->nx * index->ny; i++)
    if (index->buckets[i] != NULL)
      g_array_unref (index->buckets[i]);
  g_clear_pointer (&index->buckets, g_free);
}

/* The towns near (x, y), in town order, or NULL for all of them. */
static const GArray *
town_index_near (const TownIndex *index,
                 double           x,
                 double           y,
                 gboolean        *none)
{
  double fx, fy;

  *none = FALSE;
  if (index->buckets == NULL)
    return NULL;
  fx = (x - index->x0) / index->size;
  fy = (y - index->y0) / index->size;
  if (fx < 0 || fy < 0 || fx >= index->nx || fy >= index->ny ||
      index->buckets[(guint) fy * index->nx + (guint) fx] == NULL)
    {
      *none = TRUE;
      return NULL;
    }
  return index->buckets[(guint) fy * index->nx + (guint) fx];
}

/* A sum of Gaussians around the towns: inhabitants per km² (@seed FALSE),
 * or how likely a unit's seed point lands here (@seed TRUE: wider, and
 * villages count half). */
static double
town_sum (const TownIndex *index,
          double           x,
          double           y,
          gboolean         seed)
{
  gboolean none;
  const GArray *near = town_index_near (index, x, y, &none);
  guint n = near ? near->len : none ? 0 : index->towns->len;
  double sum = seed ? 0.12 : 35.0;

  for (guint i = 0; i < n; i++)
    {
      const Town *town = &g_array_index (index->towns, Town,
                                         near ? g_array_index (near, guint, i) : i);
      double r2 = (x - town->x) * (x - town->x) + (y - town->y) * (y - town->y);

      if (seed)
        sum += (town->village ? 0.5 : 1.0) * exp (-r2 / (2 * 2.2 * town->sigma * town->sigma));
      else
        sum += town->peak * exp (-r2 / (2 * town->sigma * town->sigma));
    }
  return sum;
}

/* Per group (municipality, town, wijk), its cells in cell order. */
static GPtrArray *
group_cells (GArray *cells,
             guint   n_groups,
             gsize   offset)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (groups, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < cells->len; i++)
    {
      guint g = G_STRUCT_MEMBER (guint, &g_array_index (cells, Cell, i), offset);

      if (g < n_groups)
        g_array_append_val (g_ptr_array_index (groups, g), i);
    }
  return groups;
}

/* A deterministic pseudo-random number in [0, 1) from a segment's ends, so
 * that the wiggle of a shared edge is the same whichever cell asks. */
static double
segment_noise (double ax, double ay, double bx, double by, guint salt)
{
  guint64 h = 1469598103934665603ULL ^ salt;
  double v[4] = { MIN (ax, bx), MIN (ay, by), MAX (ax, bx), MAX (ay, by) };

  for (int i = 0; i < 4; i++)
    {
      gint64 q = (gint64) llround (v[i] * 10.0);
      h = (h ^ (guint64) q) * 1099511628211ULL;
      h ^= h >> 29;
    }
  return (h % 1000003) / 1000003.0;
}

static GEOSGeometry *
wiggle_line (GEOSContextHandle_t  ctx,
             const GEOSGeometry  *line,
             double               spacing)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (ctx, line);
  unsigned int n = 0;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  GEOSCoordSequence *out;
  guint n_out;

  GEOSCoordSeq_getSize_r (ctx, seq, &n);
  for (unsigned int i = 0; i + 1 < n; i++)
    {
      double ax, ay, bx, by, len, nx, ny, amp, freq, phase;
      guint k;

      GEOSCoordSeq_getXY_r (ctx, seq, i, &ax, &ay);
      GEOSCoordSeq_getXY_r (ctx, seq, i + 1, &bx, &by);
      g_array_append_val (xy, ax);
      g_array_append_val (xy, ay);
      len = hypot (bx - ax, by - ay);
      if (spacing <= 0 || len < 2 * spacing)
        continue;
      k = (guint) (len / spacing);
      nx = -(by - ay) / len;
      ny = (bx - ax) / len;
      /* the direction of the normal depends on the direction of travel:
       * make it canonical */
      if (ax > bx || (ax == bx && ay > by))
        {
          nx = -nx;
          ny = -ny;
        }
      amp = 0.015 + 0.03 * segment_noise (ax, ay, bx, by, 1);
      freq = 1 + floor (3 * segment_noise (ax, ay, bx, by, 2));
      phase = segment_noise (ax, ay, bx, by, 3) > 0.5 ? 1.0 : -1.0;
      for (guint j = 1; j < k; j++)
        {
          double t = (double) j / k;
          double tt = (ax > bx || (ax == bx && ay > by)) ? 1.0 - t : t;
          double off = phase * amp * len * sin (G_PI * tt) * sin (G_PI * freq * tt);
          double px = ax + t * (bx - ax) + off * nx;
          double py = ay + t * (by - ay) + off * ny;

          /* round to the centimetre, as stored coordinates are */
          px = round (px * 100) / 100;
          py = round (py * 100) / 100;
          g_array_append_val (xy, px);
          g_array_append_val (xy, py);
        }
    }
  {
    double lx, ly;

    GEOSCoordSeq_getXY_r (ctx, seq, n - 1, &lx, &ly);
    g_array_append_val (xy, lx);
    g_array_append_val (xy, ly);
  }
  n_out = xy->len / 2;
  out = GEOSCoordSeq_create_r (ctx, n_out, 2);
  for (guint i = 0; i < n_out; i++)
    GEOSCoordSeq_setXY_r (ctx, out, i, g_array_index (xy, double, 2 * i), g_array_index (xy, double, 2 * i + 1));
  return GEOSGeom_createLineString_r (ctx, out);
}

static void
collect_lines (GEOSContextHandle_t  ctx,
               const GEOSGeometry  *geom,
               GPtrArray           *out)
{
  int type = GEOSGeomTypeId_r (ctx, geom);

  if (type == GEOS_LINESTRING)
    g_ptr_array_add (out, (gpointer) geom);
  else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION)
    for (int i = 0; i < GEOSGetNumGeometries_r (ctx, geom); i++)
      collect_lines (ctx, GEOSGetGeometryN_r (ctx, geom, i), out);
}

/* ---------------------------------------------------------------- output */

static OGRGeometryH
to_ogr (const GEOSGeometry *geom)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSWKBWriter *writer = GEOSWKBWriter_create_r (ctx);
  size_t size = 0;
  unsigned char *wkb = GEOSWKBWriter_write_r (ctx, writer, geom, &size);
  OGRGeometryH ogr = NULL;

  GEOSWKBWriter_destroy_r (ctx, writer);
  OGR_G_CreateFromWkb (wkb, NULL, &ogr, size);
  GEOSFree_r (ctx, wkb);
  return ogr;
}

/* Adds and frees a feature; a failure shows in the file, which the tests
 * read back. */
static void
put (OGRLayerH   layer,
     OGRFeatureH f)
{
  if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
    g_debug ("a feature could not be written");
  OGR_F_Destroy (f);
}

static GDALDatasetH
create_vector (const char  *path,
               const char  *driver_name,
               GError     **error)
{
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  GDALDatasetH ds;

  g_unlink (path);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written."), path);
  return ds;
}

typedef struct
{
  WkProviderKind kind;
  char          *name;
  double         x, y;
  double         fte;
  gboolean       dispensing;
  char          *network;
} Provider;

static void
provider_clear (gpointer data)
{
  Provider *p = data;

  g_free (p->name);
  g_free (p->network);
}

static gboolean
write_providers (GArray          *providers,
                 WkProviderKind   kind,
                 const char      *path,
                 gboolean         rd_columns,
                 GError         **error)
{
  g_auto(GDALDatasetH) ds = create_vector (path, "CSV", error);
  const char *options[] = { "LINEFORMAT=LF", NULL };
  OGRLayerH layer;

  if (ds == NULL)
    return FALSE;
  layer = GDALDatasetCreateLayer (ds, "providers", NULL, wkbNone, (char **) options);
  wk_ogr_add_field (layer, "naam", OFTString);
  wk_ogr_add_field (layer, rd_columns ? "x" : "lon", OFTReal);
  wk_ogr_add_field (layer, rd_columns ? "y" : "lat", OFTReal);
  if (kind == WK_PROVIDER_GP)
    {
      wk_ogr_add_field (layer, "fte", OFTReal);
      wk_ogr_add_field (layer, "apotheekhoudend", OFTString);
    }
  wk_ogr_add_field (layer, "netwerk", OFTString);
  for (guint i = 0; i < providers->len; i++)
    {
      const Provider *p = &g_array_index (providers, Provider, i);
      OGRFeatureH f;
      double a, b;
      int col = 0;

      if (p->kind != kind)
        continue;
      if (rd_columns)
        {
          a = round (p->x);
          b = round (p->y);
        }
      else
        {
          wk_rd_to_lonlat (p->x, p->y, &a, &b);
          a = round (a * 1e6) / 1e6;
          b = round (b * 1e6) / 1e6;
        }
      f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldString (f, col++, p->name);
      OGR_F_SetFieldDouble (f, col++, a);
      OGR_F_SetFieldDouble (f, col++, b);
      if (kind == WK_PROVIDER_GP)
        {
          OGR_F_SetFieldDouble (f, col++, p->fte);
          OGR_F_SetFieldString (f, col++, p->dispensing ? "ja" : "nee");
        }
      if (p->network)
        OGR_F_SetFieldString (f, col, p->network);
      put (layer, f);
    }
  return TRUE;
}

static GEOSGeometry *
dissolve_cells (GArray *cells,
                GArray *members)
{
  g_autoptr(GPtrArray) geoms = g_ptr_array_new ();

  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (geoms, g_array_index (cells, Cell, g_array_index (members, guint, i)).geom);
  return wk_geos_union_all ((GEOSGeometry **) geoms->pdata, geoms->len, TRUE);
}

static int
cell_distance_compare (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/**
 * wk_synthetic_write:
 * @directory: where to write units, boundary.geojson, networks.geojson,
 *   gp.csv, pharmacy.csv, nursing.csv, social.csv and plan.csv
 *
 * Makes a municipality (or several) from @options.  The same options always
 * give the same files.
 */
gboolean
wk_synthetic_write (const WkSyntheticOptions  *options,
                    const char                *directory,
                    GError                   **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);
  g_autoptr(GArray) towns = g_array_new (FALSE, TRUE, sizeof (Town));
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_autoptr(GArray) wijken = g_array_new (FALSE, TRUE, sizeof (Wijk));
  g_autoptr(GArray) providers = g_array_new (FALSE, TRUE, sizeof (Provider));
  g_autoptr(GArray) gm_centres = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(WkGeosGeometry) blob = NULL;
  g_autoptr(WkGeosGeometry) polys = NULL;
  const GEOSPreparedGeometry *prep;
  guint n_units = MAX (options->n_units, 4);
  guint n_gm = CLAMP (options->n_municipalities, 1, n_units / 4);
  double radius, total_weight = 0;
  gint64 target, total_pop = 0;
  g_autofree char *units_path = NULL;
  gboolean gpkg = g_strcmp0 (options->units_format, "gpkg") == 0;
  g_autofree guint *gm_first_town = NULL;
  g_autoptr(GPtrArray) wijk_cells = NULL;
  g_autoptr(GPtrArray) gm_cells = NULL;
  TownIndex town_index;

  g_array_set_clear_func (providers, provider_clear);
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be created."), directory);
      return FALSE;
    }

  /* The outline: a blob, wider for more units. */
  radius = sqrt (n_units * options->unit_size_m * options->unit_size_m * 0.5 / G_PI);
  {
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r (ctx, 97, 2);
    double p1 = g_rand_double_range (rand, 0, 2 * G_PI), p2 = g_rand_double_range (rand, 0, 2 * G_PI);

    for (guint i = 0; i < 96; i++)
      {
        double a = 2 * G_PI * i / 96;
        double r = radius * (1 + 0.14 * sin (3 * a + p1) + 0.07 * sin (5 * a + p2));

        GEOSCoordSeq_setXY_r (ctx, seq, i, round (options->center_x + r * cos (a)),
                              round (options->center_y + r * sin (a)));
      }
    {
      double x0, y0;
      GEOSCoordSeq_getXY_r (ctx, seq, 0, &x0, &y0);
      GEOSCoordSeq_setXY_r (ctx, seq, 96, x0, y0);
    }
    blob = GEOSGeom_createPolygon_r (ctx, GEOSGeom_createLinearRing_r (ctx, seq), NULL, 0);
  }
  prep = GEOSPrepare_r (ctx, blob);

  /* Municipality centres on a jittered spiral; each has a town and villages. */
  for (guint g = 0; g < n_gm; g++)
    {
      double a = g * 2.39996, r = n_gm == 1 ? 0 : radius * 0.85 * sqrt ((g + 0.5) / n_gm);
      double gx = options->center_x + r * cos (a), gy = options->center_y + r * sin (a);
      double rg = radius / sqrt (n_gm);
      guint n_villages = 3 - g % 2;

      g_array_append_val (gm_centres, gx);
      g_array_append_val (gm_centres, gy);
      for (guint v = 0; v <= n_villages; v++)
        {
          Town t = { 0 };
          double va = g_rand_double_range (rand, 0, 2 * G_PI);

          t.gm = g;
          t.village = v > 0;
          t.x = v == 0 ? gx + 0.1 * rg * cos (va) : gx + (0.45 + 0.2 * g_rand_double (rand)) * rg * cos (va + v * 2.1);
          t.y = v == 0 ? gy + 0.1 * rg * sin (va) : gy + (0.45 + 0.2 * g_rand_double (rand)) * rg * sin (va + v * 2.1);
          t.sigma = v == 0 ? 0.2 * rg : (0.06 + 0.03 * g_rand_double (rand)) * rg;
          t.peak = v == 0 ? 7000 : 1500 + 3000 * g_rand_double (rand);
          t.n_sectors = v == 0 ? 3 : 1;
          if (n_gm == 1)
            t.name = g_strdup (v == 0 ? options->name : town_names[(v) % G_N_ELEMENTS (town_names)]);
          else
            t.name = v == 0 ? g_strdup_printf ("%s %u", options->name, g + 1)
                            : g_strdup_printf ("%s %u-%u", town_names[v % G_N_ELEMENTS (town_names)], g + 1, v);
          g_array_append_val (towns, t);
        }
    }

  gm_first_town = g_new0 (guint, n_gm + 1);
  for (guint t = 0; t < towns->len; t++)
    gm_first_town[g_array_index (towns, Town, t).gm + 1] = t + 1;
  town_index_init (&town_index, towns, radius / sqrt (n_gm));

  /* Seed points, denser where more people live (smaller buurten). */
  {
    g_autofree GEOSGeometry **points = g_new (GEOSGeometry *, n_units);
    g_autoptr(WkGeosGeometry) mp = NULL;
    g_autoptr(WkGeosGeometry) edges = NULL;
    g_autoptr(WkGeosGeometry) inside = NULL;
    g_autoptr(WkGeosGeometry) ring = NULL;
    g_autoptr(WkGeosGeometry) noded = NULL;
    g_autoptr(WkGeosGeometry) wiggled = NULL;
    g_autoptr(WkGeosGeometry) renoded = NULL;
    g_autoptr(GPtrArray) lines = g_ptr_array_new ();
    g_autofree GEOSGeometry **wiggles = NULL;
    double max_w = 0.12;
    guint made = 0;

    for (guint t = 0; t < towns->len; t++)
      max_w += g_array_index (towns, Town, t).village ? 0.5 : 1.0;
    /* That bound is loose: with many towns, almost every point would be
     * rejected.  The weight peaks at a town's centre, so the highest weight
     * at a centre (with a margin) bounds it well enough. */
    if (town_index.buckets != NULL)
      {
        double peak = 0.12;

        for (guint t = 0; t < towns->len; t++)
          peak = MAX (peak, town_sum (&town_index, g_array_index (towns, Town, t).x,
                                      g_array_index (towns, Town, t).y, TRUE));
        max_w = MIN (max_w, 1.25 * 1.6 * peak);
      }
    while (made < n_units)
      {
        double x = options->center_x + g_rand_double_range (rand, -1.3 * radius, 1.3 * radius);
        double y = options->center_y + g_rand_double_range (rand, -1.3 * radius, 1.3 * radius);
        double w;
        g_autoptr(WkGeosGeometry) pt = GEOSGeom_createPointFromXY_r (ctx, x, y);

        if (GEOSPreparedContains_r (ctx, prep, pt) != 1)
          continue;
        w = town_sum (&town_index, x, y, TRUE);
        if (g_rand_double (rand) * max_w > w * 1.6)
          continue;
        points[made++] = g_steal_pointer (&pt);
      }
    mp = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOINT, points, n_units);
    edges = GEOSVoronoiDiagram_r (ctx, mp, blob, 0.0, 1);
    inside = GEOSIntersection_r (ctx, edges, blob);
    ring = GEOSBoundary_r (ctx, blob);
    {
      GEOSGeometry *parts[2] = { GEOSGeom_clone_r (ctx, inside), GEOSGeom_clone_r (ctx, ring) };
      g_autoptr(WkGeosGeometry) coll = GEOSGeom_createCollection_r (ctx, GEOS_GEOMETRYCOLLECTION, parts, 2);

      noded = GEOSUnaryUnion_r (ctx, coll);
    }
    collect_lines (ctx, noded, lines);
    wiggles = g_new (GEOSGeometry *, MAX (lines->len, 1));
    for (guint i = 0; i < lines->len; i++)
      wiggles[i] = wiggle_line (ctx, g_ptr_array_index (lines, i), options->vertex_spacing_m);
    wiggled = GEOSGeom_createCollection_r (ctx, GEOS_MULTILINESTRING, wiggles, lines->len);
    renoded = GEOSUnaryUnion_r (ctx, wiggled);
    {
      const GEOSGeometry *input[1] = { renoded };
      polys = GEOSPolygonize_r (ctx, input, 1);
    }
  }
  GEOSPreparedGeom_destroy_r (ctx, prep);
  if (polys == NULL)
    {
      town_index_clear (&town_index);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "polygonize failed");
      return FALSE;
    }

  /* Cells, their municipality and town. */
  {
    int n = GEOSGetNumGeometries_r (ctx, polys);
    double mean = 0;

    for (int i = 0; i < n; i++)
      {
        double a = 0;
        GEOSArea_r (ctx, GEOSGetGeometryN_r (ctx, polys, i), &a);
        mean += a / n;
      }
    for (int i = 0; i < n; i++)
      {
        const GEOSGeometry *g = GEOSGetGeometryN_r (ctx, polys, i);
        g_autoptr(WkGeosGeometry) c = NULL;
        Cell cell = { 0 };
        double best = G_MAXDOUBLE;

        GEOSArea_r (ctx, g, &cell.area);
        if (cell.area < 0.01 * mean)
          continue;
        cell.geom = GEOSGeom_clone_r (ctx, g);
        c = GEOSPointOnSurface_r (ctx, g);
        GEOSGeomGetX_r (ctx, c, &cell.cx);
        GEOSGeomGetY_r (ctx, c, &cell.cy);
        for (guint gm = 0; gm < n_gm; gm++)
          {
            double d = hypot (cell.cx - g_array_index (gm_centres, double, 2 * gm),
                              cell.cy - g_array_index (gm_centres, double, 2 * gm + 1));
            if (d < best)
              {
                best = d;
                cell.gm = gm;
              }
          }
        /* the town of this municipality it lies nearest to (a
         * municipality's towns follow each other) */
        {
          double best_score = G_MAXDOUBLE;

          for (guint t = gm_first_town[cell.gm]; t < gm_first_town[cell.gm + 1]; t++)
            {
              const Town *town = &g_array_index (towns, Town, t);
              double score = hypot (cell.cx - town->x, cell.cy - town->y) / (town->sigma + 1500);

              if (score < best_score)
                {
                  best_score = score;
                  cell.town = t;
                }
            }
        }
        cell.density = town_sum (&town_index, cell.cx, cell.cy, FALSE);
        total_weight += cell.density * cell.area / 1e6;
        g_array_append_val (cells, cell);
      }
  }
  town_index_clear (&town_index);

  /* Populations, rounded to 5 as CBS does; some business parks have none. */
  target = options->population > 0 ? options->population : (gint64) cells->len * 1800;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      const Town *town = &g_array_index (towns, Town, c->town);
      double raw = c->density * c->area / 1e6 * target / total_weight;
      double r = hypot (c->cx - town->x, c->cy - town->y);

      raw *= 0.75 + 0.5 * g_rand_double (rand);
      if (r > 1.2 * town->sigma && g_rand_double (rand) < 0.06)
        raw = 0;
      c->pop = 5 * (gint64) llround (raw / 5);
      c->p65 = (int) llround (16 + (town->village ? 5 : 0) + (r > 2 * town->sigma ? 3 : 0) +
                              g_rand_double_range (rand, -4, 6));
      total_pop += c->pop;
    }

  /* Wijken: the main town in sectors around its centre, villages whole. */
  {
    g_autofree guint *first_wijk = g_new0 (guint, towns->len);
    g_autofree guint *gm_wijken = g_new0 (guint, n_gm);

    for (guint t = 0; t < towns->len; t++)
      {
        Town *town = &g_array_index (towns, Town, t);

        first_wijk[t] = wijken->len;
        for (guint s = 0; s < town->n_sectors; s++)
          {
            Wijk w = { 0 };

            w.gm = town->gm;
            w.town = t;
            w.number = ++gm_wijken[town->gm];
            if (town->n_sectors > 1)
              {
                /* named after the compass direction of the sector's middle */
                double mid = (s + 0.5) * 2 * G_PI / town->n_sectors - G_PI;
                int d = ((int) lround (mid / (G_PI / 4)) + 8) % 8;

                w.name = g_strdup_printf ("%s-%s", town->name, directions[d]);
              }
            else
              w.name = g_strdup (town->name);
            g_array_append_val (wijken, w);
          }
      }
    for (guint i = 0; i < cells->len; i++)
      {
        Cell *c = &g_array_index (cells, Cell, i);
        const Town *town = &g_array_index (towns, Town, c->town);
        guint sector = 0;

        if (town->n_sectors > 1)
          {
            double a = atan2 (c->cy - town->y, c->cx - town->x) + G_PI;
            sector = MIN ((guint) (a / (2 * G_PI) * town->n_sectors), town->n_sectors - 1);
          }
        c->wijk = first_wijk[c->town] + sector;
        g_array_index (wijken, Wijk, c->wijk).n_cells++;
      }
  }

  wijk_cells = group_cells (cells, wijken->len, G_STRUCT_OFFSET (Cell, wijk));

  /* Codes and names: per wijk, buurten numbered from the centre outwards. */
  {
    g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint next_urban = 0;

    for (guint w = 0; w < wijken->len; w++)
      {
        Wijk *wijk = &g_array_index (wijken, Wijk, w);
        const Town *town = &g_array_index (towns, Town, wijk->town);
        GArray *members = g_ptr_array_index (wijk_cells, w);
        g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (double) * 2);
        guint number = 0;

        for (guint k = 0; k < members->len; k++)
          {
            guint i = g_array_index (members, guint, k);
            const Cell *c = &g_array_index (cells, Cell, i);
            double entry[2] = { hypot (c->cx - town->x, c->cy - town->y), i };

            g_array_append_val (order, entry);
          }
        g_array_sort_with_data (order, cell_distance_compare, NULL);
        for (guint k = 0; k < order->len; k++)
          {
            double *entry = &g_array_index (order, double, 2 * k);
            Cell *c = &g_array_index (cells, Cell, (guint) entry[1]);
            char *name;

            c->code = g_strdup_printf ("BU%04u%02u%02u", options->code + wijk->gm, wijk->number, ++number);
            if (entry[0] < 1.6 * town->sigma && c->pop > 0)
              name = g_strdup (urban_names[next_urban++ % G_N_ELEMENTS (urban_names)]);
            else
              {
                double a = atan2 (c->cy - town->y, c->cx - town->x);
                int d = ((int) lround (a / (G_PI / 4)) + 8) % 8;

                name = g_strdup_printf (c->pop > 0 ? "Buitengebied %s %s" : "Bedrijventerrein %s %s",
                                        town->name, directions[d]);
              }
            if (n_gm == 1 && town->village && entry[0] < 1.6 * town->sigma && c->pop > 0)
              {
                g_free (name);
                name = k == 0 ? g_strdup_printf ("%s-Dorp", town->name)
                              : g_strdup_printf ("%s-%s", town->name, urban_names[next_urban++ % G_N_ELEMENTS (urban_names)]);
              }
            for (guint dup = 2; g_hash_table_contains (used, name); dup++)
              {
                char *numbered = g_strdup_printf ("%s %u", name, dup);
                if (!g_hash_table_contains (used, numbered))
                  {
                    g_free (name);
                    name = numbered;
                    break;
                  }
                g_free (numbered);
              }
            g_hash_table_add (used, g_strdup (name));
            c->name = name;
          }
      }
  }

  /* Care providers, placed in populated buurten of each town. */
  g_autoptr(GHashTable) provider_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) town_cells = group_cells (cells, towns->len, G_STRUCT_OFFSET (Cell, town));
  for (guint t = 0; t < towns->len; t++)
    {
      const Town *town = &g_array_index (towns, Town, t);
      GArray *all = g_ptr_array_index (town_cells, t);
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 town_pop = 0, acc;
      guint n_gp, n_ph, n_nu;

      for (guint k = 0; k < all->len; k++)
        {
          guint i = g_array_index (all, guint, k);

          if (g_array_index (cells, Cell, i).pop > 0)
            {
              g_array_append_val (mine, i);
              town_pop += g_array_index (cells, Cell, i).pop;
            }
        }
      if (mine->len == 0)
        continue;
      n_gp = MAX (1, (guint) llround (town_pop / 4500.0));
      n_ph = (guint) llround (town_pop / 9000.0);
      n_nu = MAX (1, (guint) llround (town_pop / 12000.0));
      for (guint k = 0; k < n_gp + n_ph + n_nu; k++)
        {
          Provider p = { 0 };
          gint64 pick = g_rand_int_range (rand, 0, (gint32) MAX (town_pop, 1));
          const Cell *c = NULL;
          const GEOSPreparedGeometry *cp;

          acc = 0;
          for (guint m = 0; m < mine->len && c == NULL; m++)
            {
              const Cell *cand = &g_array_index (cells, Cell, g_array_index (mine, guint, m));
              acc += cand->pop;
              if (pick < acc)
                c = cand;
            }
          if (c == NULL)
            c = &g_array_index (cells, Cell, g_array_index (mine, guint, 0));
          cp = GEOSPrepare_r (ctx, c->geom);
          for (guint tries = 0; tries < 200; tries++)
            {
              double minx, miny, maxx, maxy;
              g_autoptr(WkGeosGeometry) pt = NULL;

              GEOSGeom_getXMin_r (ctx, c->geom, &minx);
              GEOSGeom_getYMin_r (ctx, c->geom, &miny);
              GEOSGeom_getXMax_r (ctx, c->geom, &maxx);
              GEOSGeom_getYMax_r (ctx, c->geom, &maxy);
              p.x = g_rand_double_range (rand, minx, maxx);
              p.y = g_rand_double_range (rand, miny, maxy);
              pt = GEOSGeom_createPointFromXY_r (ctx, p.x, p.y);
              if (GEOSPreparedContains_r (ctx, cp, pt) == 1)
                break;
              p.x = c->cx;
              p.y = c->cy;
            }
          GEOSPreparedGeom_destroy_r (ctx, cp);
          if (k < n_gp)
            {
              p.kind = WK_PROVIDER_GP;
              p.name = g_strdup_printf ("Huisartsenpraktijk %s %s",
                                        streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))], town->name);
              p.fte = round (g_rand_double_range (rand, 1.2, 3.4) * 10) / 10;
              /* a HAGRO: the practices of one wijk */
              p.network = g_strdup_printf ("HAGRO %s", g_array_index (wijken, Wijk, c->wijk).name);
              /* a village without a pharmacy has a dispensing GP */
              p.dispensing = n_ph == 0 && k == 0;
            }
          else if (k < n_gp + n_ph)
            {
              p.kind = WK_PROVIDER_PHARMACY;
              p.name = n_ph > 1 ? g_strdup_printf ("Apotheek %s %s", streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))], town->name)
                                : g_strdup_printf ("Apotheek %s", town->name);
              p.fte = NAN;
            }
          else
            {
              p.kind = WK_PROVIDER_NURSING;
              p.name = g_strdup_printf ("Wijkverpleging %s %u", town->name, k - n_gp - n_ph + 1);
              p.fte = NAN;
            }
          if (g_hash_table_contains (provider_names, p.name))
            {
              char *numbered = g_strdup_printf ("%s (%u)", p.name, k + 1);
              g_free (p.name);
              p.name = numbered;
            }
          g_hash_table_add (provider_names, g_strdup (p.name));
          g_array_append_val (providers, p);
        }
    }
  /* One social neighbourhood team per wijk, in its most populous buurt. */
  for (guint w = 0; w < wijken->len; w++)
    {
      const Cell *best = NULL;
      Provider p = { 0 };
      GArray *members = g_ptr_array_index (wijk_cells, w);

      for (guint k = 0; k < members->len; k++)
        {
          const Cell *c = &g_array_index (cells, Cell, g_array_index (members, guint, k));
          if (best == NULL || c->pop > best->pop)
            best = c;
        }
      if (best == NULL)
        continue;
      p.kind = WK_PROVIDER_SOCIAL;
      p.name = g_strdup_printf ("Sociaal wijkteam %s", g_array_index (wijken, Wijk, w).name);
      p.x = best->cx;
      p.y = best->cy;
      p.fte = NAN;
      g_array_append_val (providers, p);
    }

  /* The starting plan: one area per wijk, with problems to find. */
  for (guint i = 0; i < cells->len; i++)
    g_array_index (cells, Cell, i).area_id = g_array_index (cells, Cell, i).wijk + 1;
  if (options->sample_plan && wijken->len >= 3)
    {
      /* the buurt of the last village farthest from it goes to the first
       * wijk (not contiguous), and a populated buurt is left out */
      Cell *far = NULL, *left = NULL;
      guint last = wijken->len - 1;
      const Town *town = &g_array_index (towns, Town, g_array_index (wijken, Wijk, last).town);

      for (guint i = 0; i < cells->len; i++)
        {
          Cell *c = &g_array_index (cells, Cell, i);

          if (c->wijk == last && c->pop > 0 &&
              (far == NULL || hypot (c->cx - town->x, c->cy - town->y) > hypot (far->cx - town->x, far->cy - town->y)))
            far = c;
          if (c->wijk == 1 && c->pop > 0 && (left == NULL || c->pop < left->pop))
            left = c;
        }
      if (far != NULL)
        far->area_id = 1;
      if (left != NULL)
        left->area_id = 0;
    }

  /* ---------------------------------------------------------- write */
  {
    g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
    g_autofree char *path = NULL;
    const char *geojson_options[] = { "RFC7946=YES", "COORDINATE_PRECISION=6", NULL };
    GDALDatasetH ds;
    OGRLayerH layer;

    units_path = g_build_filename (directory, gpkg ? "units.gpkg" : "units.geojson", NULL);
    ds = create_vector (units_path, gpkg ? "GPKG" : "GeoJSON", error);
    if (ds == NULL)
      return FALSE;
    if (gpkg)
      GDALDatasetStartTransaction (ds, FALSE);
    layer = GDALDatasetCreateLayer (ds, "buurten", rd, wkbMultiPolygon,
                                    gpkg ? NULL : (char **) geojson_options);
    wk_ogr_add_field (layer, "BU_CODE", OFTString);
    wk_ogr_add_field (layer, "BU_NAAM", OFTString);
    wk_ogr_add_field (layer, "WK_CODE", OFTString);
    wk_ogr_add_field (layer, "WK_NAAM", OFTString);
    wk_ogr_add_field (layer, "GM_CODE", OFTString);
    wk_ogr_add_field (layer, "GM_NAAM", OFTString);
    wk_ogr_add_field (layer, "AANT_INW", OFTInteger);
    wk_ogr_add_field (layer, "P_65_EO_JR", OFTInteger);
    wk_ogr_add_field (layer, "WONINGEN", OFTInteger);
    wk_ogr_add_field (layer, "GEM_HH_GR", OFTReal);
    for (guint i = 0; i < cells->len; i++)
      {
        const Cell *c = &g_array_index (cells, Cell, i);
        const Wijk *w = &g_array_index (wijken, Wijk, c->wijk);
        OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
        g_autofree char *wk = g_strdup_printf ("WK%04u%02u", options->code + w->gm, w->number);
        g_autofree char *gm = g_strdup_printf ("GM%04u", options->code + w->gm);
        g_autofree char *gm_name = n_gm == 1 ? g_strdup (options->name)
                                              : g_strdup_printf ("%s %u", options->name, w->gm + 1);
        double hh = round ((2.0 + 0.6 * g_rand_double (rand)) * 10) / 10;

        OGR_F_SetFieldString (f, 0, c->code);
        OGR_F_SetFieldString (f, 1, c->name);
        OGR_F_SetFieldString (f, 2, wk);
        OGR_F_SetFieldString (f, 3, w->name);
        OGR_F_SetFieldString (f, 4, gm);
        OGR_F_SetFieldString (f, 5, gm_name);
        OGR_F_SetFieldInteger (f, 6, (int) c->pop);
        if (c->pop > 0)
          {
            OGR_F_SetFieldInteger (f, 7, c->p65);
            OGR_F_SetFieldInteger (f, 8, (int) llround (c->pop / hh));
            OGR_F_SetFieldDouble (f, 9, hh);
          }
        else
          {
            /* CBS writes a code for figures it keeps secret */
            OGR_F_SetFieldInteger (f, 7, -99999997);
            OGR_F_SetFieldInteger (f, 8, 0);
            OGR_F_SetFieldInteger (f, 9, -99999997);
          }
        OGR_F_SetGeometryDirectly (f, OGR_G_ForceToMultiPolygon (to_ogr (c->geom)));
        put (layer, f);
      }
    if (gpkg)
      GDALDatasetCommitTransaction (ds);
    GDALClose (ds);

    /* municipal boundaries */
    path = g_build_filename (directory, "boundary.geojson", NULL);
    ds = create_vector (path, "GeoJSON", error);
    if (ds == NULL)
      return FALSE;
    layer = GDALDatasetCreateLayer (ds, "gemeenten", rd, wkbMultiPolygon, (char **) geojson_options);
    wk_ogr_add_field (layer, "GM_CODE", OFTString);
    wk_ogr_add_field (layer, "GM_NAAM", OFTString);
    gm_cells = group_cells (cells, n_gm, G_STRUCT_OFFSET (Cell, gm));
    for (guint g = 0; g < n_gm; g++)
      {
        g_autoptr(WkGeosGeometry) u = dissolve_cells (cells, g_ptr_array_index (gm_cells, g));
        OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
        g_autofree char *code = g_strdup_printf ("GM%04u", options->code + g);
        g_autofree char *name = n_gm == 1 ? g_strdup (options->name) : g_strdup_printf ("%s %u", options->name, g + 1);

        OGR_F_SetFieldString (f, 0, code);
        OGR_F_SetFieldString (f, 1, name);
        OGR_F_SetGeometryDirectly (f, OGR_G_ForceToMultiPolygon (to_ogr (u)));
        put (layer, f);
      }
    GDALClose (ds);

    /* existing networks: the social neighbourhood teams' areas (the wijken) */
    g_free (path);
    path = g_build_filename (directory, "networks.geojson", NULL);
    ds = create_vector (path, "GeoJSON", error);
    if (ds == NULL)
      return FALSE;
    layer = GDALDatasetCreateLayer (ds, "wijkteams", rd, wkbMultiPolygon, (char **) geojson_options);
    wk_ogr_add_field (layer, "naam", OFTString);
    for (guint w = 0; w < wijken->len; w++)
      {
        g_autoptr(WkGeosGeometry) u = NULL;
        OGRFeatureH f;
        g_autofree char *name = g_strdup_printf ("Sociaal wijkteam %s", g_array_index (wijken, Wijk, w).name);

        if (g_array_index (wijken, Wijk, w).n_cells == 0)
          continue;
        u = dissolve_cells (cells, g_ptr_array_index (wijk_cells, w));
        f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
        OGR_F_SetFieldString (f, 0, name);
        OGR_F_SetGeometryDirectly (f, OGR_G_ForceToMultiPolygon (to_ogr (u)));
        put (layer, f);
      }
    GDALClose (ds);

    /* providers: GPs with RD x/y, the others with longitude/latitude */
    g_free (path);
    path = g_build_filename (directory, "gp.csv", NULL);
    if (!write_providers (providers, WK_PROVIDER_GP, path, TRUE, error))
      return FALSE;
    g_free (path);
    path = g_build_filename (directory, "pharmacy.csv", NULL);
    if (!write_providers (providers, WK_PROVIDER_PHARMACY, path, FALSE, error))
      return FALSE;
    g_free (path);
    path = g_build_filename (directory, "nursing.csv", NULL);
    if (!write_providers (providers, WK_PROVIDER_NURSING, path, FALSE, error))
      return FALSE;
    g_free (path);
    path = g_build_filename (directory, "social.csv", NULL);
    if (!write_providers (providers, WK_PROVIDER_SOCIAL, path, FALSE, error))
      return FALSE;

    /* the starting plan */
    g_free (path);
    path = g_build_filename (directory, "plan.csv", NULL);
    ds = create_vector (path, "CSV", error);
    if (ds == NULL)
      return FALSE;
    {
      const char *csv_options[] = { "LINEFORMAT=LF", NULL };

      layer = GDALDatasetCreateLayer (ds, "plan", NULL, wkbNone, (char **) csv_options);
    }
    wk_ogr_add_field (layer, "unit_code", OFTString);
    wk_ogr_add_field (layer, "area", OFTString);
    for (guint i = 0; i < cells->len; i++)
      {
        const Cell *c = &g_array_index (cells, Cell, i);
        OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

        OGR_F_SetFieldString (f, 0, c->code);
        if (c->area_id != 0)
          OGR_F_SetFieldString (f, 1, g_array_index (wijken, Wijk, c->area_id - 1).name);
        put (layer, f);
      }
    GDALClose (ds);
  }

  g_debug ("synthetic: %u cells, %" G_GINT64_FORMAT " inhabitants, %u providers",
           cells->len, total_pop, providers->len);

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      GEOSGeom_destroy_r (ctx, c->geom);
      g_free (c->code);
      g_free (c->name);
    }
  for (guint t = 0; t < towns->len; t++)
    g_free (g_array_index (towns, Town, t).name);
  for (guint w = 0; w < wijken->len; w++)
    g_free (g_array_index (wijken, Wijk, w).name);
  return TRUE;
}
