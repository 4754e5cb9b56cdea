#include "tools/citygen/city_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace caseflow::citygen {
namespace {

// splitmix64: a fixed, portable mixing function, so the city does not depend on the standard
// library's distributions (which differ between implementations).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A uniform number in [-1, 1) fixed by (seed, what, i, j).
double jitter(std::uint64_t seed, std::uint64_t what, int i, int j) {
  const std::uint64_t h =
      mix(mix(mix(seed ^ (what * 0x100000001b3ULL)) + static_cast<std::uint64_t>(i)) +
          static_cast<std::uint64_t>(j));
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
}

struct Xy {
  double x = 0;
  double y = 0;
};

constexpr double kCornerJitter = 0.2;  // of a cell, per axis: keeps every octagon simple
constexpr double kMidJitter = 0.12;    // of a cell, across the edge

// Lattice geometry: shared corners and edge midpoints, in cell units.
class Lattice {
 public:
  Lattice(const CityParams& p) : p_(p) {}

  Xy corner(int i, int j) const {
    return {i + kCornerJitter * jitter(p_.seed, 1, i, j),
            j + kCornerJitter * jitter(p_.seed, 2, i, j)};
  }
  // Midpoint of the edge from corner (i, j) to (i + 1, j), moved across the edge.
  Xy bottom_mid(int i, int j) const {
    const Xy a = corner(i, j), b = corner(i + 1, j);
    return {(a.x + b.x) / 2, (a.y + b.y) / 2 + kMidJitter * jitter(p_.seed, 3, i, j)};
  }
  // Midpoint of the edge from corner (i, j) to (i, j + 1), moved across the edge.
  Xy left_mid(int i, int j) const {
    const Xy a = corner(i, j), b = corner(i, j + 1);
    return {(a.x + b.x) / 2 + kMidJitter * jitter(p_.seed, 4, i, j), (a.y + b.y) / 2};
  }
  // The cell's octagon, counter-clockwise from its south-west corner, not closed.
  std::vector<Xy> cell(int i, int j) const {
    return {corner(i, j),         bottom_mid(i, j),     corner(i + 1, j), left_mid(i + 1, j),
            corner(i + 1, j + 1), bottom_mid(i, j + 1), corner(i, j + 1), left_mid(i, j)};
  }
  // Cell units -> lon/lat. Per-axis monotone stretch: cells near the centre are ~2.6x smaller.
  Xy to_lonlat(Xy c) const {
    auto stretch = [](double u) { return u * (0.55 + 0.45 * std::abs(u)); };
    const double u = c.x / p_.columns * 2 - 1;
    const double w = c.y / p_.rows * 2 - 1;
    return {p_.centre_lon + stretch(u) * p_.width_deg / 2,
            p_.centre_lat + stretch(w) * p_.height_deg / 2};
  }

 private:
  const CityParams& p_;
};

// Jittered seeds on an nx x ny lattice over an area of size w x h; the seed of lattice slot (a, b)
// is at index b * nx + a.
struct Seeds {
  int nx = 1;
  int ny = 1;
  double w = 1;
  double h = 1;
  std::vector<Xy> at;

  Seeds(std::uint64_t seed, std::uint64_t what, int nx_, int ny_, double w_, double h_)
      : nx(std::max(1, nx_)), ny(std::max(1, ny_)), w(w_), h(h_) {
    for (int b = 0; b < ny; ++b)
      for (int a = 0; a < nx; ++a)
        at.push_back({(a + 0.5 + 0.35 * jitter(seed, what, a, b)) * w / nx,
                      (b + 0.5 + 0.35 * jitter(seed, what + 1, a, b)) * h / ny});
  }
  // Index of the seed nearest to `p` (ties: lowest index). Seeds move less than half a slot, so
  // the nearest one is within two slots of p's slot.
  int nearest(Xy p) const {
    const int pa = std::clamp(static_cast<int>(p.x / w * nx), 0, nx - 1);
    const int pb = std::clamp(static_cast<int>(p.y / h * ny), 0, ny - 1);
    int best = -1;
    double best_d = std::numeric_limits<double>::max();
    for (int b = std::max(0, pb - 2); b <= std::min(ny - 1, pb + 2); ++b) {
      for (int a = std::max(0, pa - 2); a <= std::min(nx - 1, pa + 2); ++a) {
        const int k = b * nx + a;
        const double dx = at[k].x - p.x, dy = at[k].y - p.y;
        const double d = dx * dx + dy * dy;
        if (d < best_d) {
          best_d = d;
          best = k;
        }
      }
    }
    return best;
  }
};

// Groups `members` (positions) into regions of ~`per_region` around jittered seeds. Returns the
// region number of each member, numbered 0.. in seed order with empty regions skipped, and the
// count of regions.
std::pair<std::vector<int>, int> group(const std::vector<Xy>& members, double w, double h,
                                       int per_region, std::uint64_t seed, std::uint64_t what) {
  const double regions = std::max(1.0, static_cast<double>(members.size()) / per_region);
  const double aspect = w / h;
  const int nx = std::max(1, static_cast<int>(std::lround(std::sqrt(regions * aspect))));
  const int ny = std::max(1, static_cast<int>(std::lround(regions / nx)));
  const Seeds seeds(seed, what, nx, ny, w, h);
  std::vector<int> slot(members.size());
  std::vector<int> number(seeds.at.size(), -1);
  for (std::size_t m = 0; m < members.size(); ++m) {
    slot[m] = seeds.nearest(members[m]);
    number[static_cast<std::size_t>(slot[m])] = 0;
  }
  int count = 0;
  for (int& n : number)
    if (n == 0) n = count++;
  for (int& s : slot) s = number[static_cast<std::size_t>(s)];
  return {slot, count};
}

std::string padded(const char* prefix, int n, int width) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width)
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  return prefix + digits;
}

int digits_for(int count, int at_least) {
  int d = 1;
  for (int c = count; c >= 10; c /= 10) ++d;
  return std::max(d, at_least);
}

const char* const kDistrictNames[] = {"Lakeside", "Old Town",    "Riverside",  "Hillview",
                                      "Eastgate", "Westbank",    "Northfield", "Southport",
                                      "Canal",    "Bamboo Hill", "Tea Garden", "Harbour"};

std::string district_base_name(int d) {
  constexpr int n = sizeof kDistrictNames / sizeof kDistrictNames[0];
  return d < n ? std::string(kDistrictNames[d]) : "District " + std::to_string(d + 1);
}

struct DepartmentSeed {
  const char* code;
  const char* name;
};
const DepartmentSeed kDepartments[] = {
    {"transport", "Municipal Transport Bureau"},
    {"urban_management", "Urban Management Bureau"},
    {"housing", "Housing and Urban-Rural Development Bureau"},
    {"power", "Power Supply Company"},
    {"environment", "Ecology and Environment Bureau"},
    {"public_security", "Public Security Bureau"},
    {"water", "Water Supply and Drainage Company"},
    {"market_regulation", "Market Regulation Administration"},
};

void append_number(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", v);
  out += buf;
}

// Appends a ring of lattice points as GeoJSON positions "[lon,lat],[lon,lat],..." (as given:
// the caller closes it).
void append_ring(std::string& out, const Lattice& lattice, std::span<const Xy> ring) {
  for (std::size_t v = 0; v < ring.size(); ++v) {
    const Xy ll = lattice.to_lonlat(ring[v]);
    out += v == 0 ? "[" : ",[";
    append_number(out, ll.x);
    out += ',';
    append_number(out, ll.y);
    out += ']';
  }
}

}  // namespace

City generate_city(const CityParams& p) {
  const Lattice lattice(p);
  const double lake_x = p.columns * 0.36, lake_y = p.rows * 0.56;
  const double lake_rx = p.columns * 0.05, lake_ry = p.rows * 0.045;
  auto in_lake = [&](int i, int j) {
    if (!p.lake || i < 0 || j < 0 || i >= p.columns || j >= p.rows) return false;
    const double dx = (i + 0.5 - lake_x) / lake_rx, dy = (j + 0.5 - lake_y) / lake_ry;
    return dx * dx + dy * dy <= 1.0;
  };

  // Cells that are grids, row-major from the south-west.
  struct Cell {
    int i, j;
  };
  std::vector<Cell> cells;
  std::vector<Xy> centres;
  for (int j = 0; j < p.rows; ++j)
    for (int i = 0; i < p.columns; ++i)
      if (!in_lake(i, j)) {
        cells.push_back({i, j});
        centres.push_back({i + 0.5, j + 0.5});
      }

  const double w = p.columns, h = p.rows;
  auto [community_of, communities] = group(centres, w, h, p.grids_per_community, p.seed, 10);
  std::vector<Xy> community_centre(static_cast<std::size_t>(communities));
  std::vector<int> community_size(static_cast<std::size_t>(communities), 0);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto k = static_cast<std::size_t>(community_of[c]);
    community_centre[k].x += centres[c].x;
    community_centre[k].y += centres[c].y;
    ++community_size[k];
  }
  for (std::size_t k = 0; k < community_centre.size(); ++k) {
    community_centre[k].x /= community_size[k];
    community_centre[k].y /= community_size[k];
  }
  auto [street_of, streets] = group(community_centre, w, h, p.communities_per_street, p.seed, 20);
  std::vector<Xy> street_centre(static_cast<std::size_t>(streets));
  std::vector<int> street_size(static_cast<std::size_t>(streets), 0);
  for (std::size_t k = 0; k < community_centre.size(); ++k) {
    const auto s = static_cast<std::size_t>(street_of[k]);
    street_centre[s].x += community_centre[k].x;
    street_centre[s].y += community_centre[k].y;
    ++street_size[s];
  }
  for (std::size_t s = 0; s < street_centre.size(); ++s) {
    street_centre[s].x /= street_size[s];
    street_centre[s].y /= street_size[s];
  }
  auto [district_of, districts] = group(street_centre, w, h, p.streets_per_district, p.seed, 30);

  City city;
  city.grids = static_cast<int>(cells.size());
  city.communities = communities;
  city.streets = streets;
  city.districts = districts;
  const Xy lake_centre = lattice.to_lonlat({lake_x, lake_y});
  city.lake_lon = lake_centre.x;
  city.lake_lat = lake_centre.y;
  const int grid_digits = digits_for(city.grids, 5);
  const int community_digits = digits_for(communities, 4);
  const int street_digits = digits_for(streets, 3);
  const int district_digits = digits_for(districts, 2);

  // Compounds: a rectangle around the centre of about one cell in five. A cell's edges stay at
  // least 0.3 cell from its centre (corner and midpoint jitter), so a half-size of at most 0.24
  // keeps the compound inside its grid.
  struct CompoundSeed {
    std::size_t cell;
    double half_w, half_h;
    bool model;
    int company;  // 0-based, numbered street by street
  };
  std::vector<CompoundSeed> compound_seeds;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const Cell cell = cells[c];
    if (jitter(p.seed, 40, cell.i, cell.j) >= -1 + 2 * p.compound_share) continue;
    const int s = street_of[static_cast<std::size_t>(community_of[c])];
    const auto pick =
        static_cast<int>((jitter(p.seed, 43, cell.i, cell.j) + 1) / 2 * p.companies_per_street);
    compound_seeds.push_back(
        {c, 0.16 + 0.08 * (jitter(p.seed, 41, cell.i, cell.j) + 1) / 2,
         0.16 + 0.08 * (jitter(p.seed, 42, cell.i, cell.j) + 1) / 2,
         jitter(p.seed, 44, cell.i, cell.j) < -1 + 2 * p.model_share,
         s * p.companies_per_street + std::min(pick, p.companies_per_street - 1)});
  }

  std::vector<std::string> shore;  // grids next to the lake
  std::string& out = city.grids_geojson;
  out.reserve(cells.size() * 420);
  out += "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const int k = community_of[c];
    const int s = street_of[static_cast<std::size_t>(k)];
    const int d = district_of[static_cast<std::size_t>(s)];
    const std::string grid_id = padded("G", static_cast<int>(c) + 1, grid_digits);
    const std::string community_id = padded("C", k + 1, community_digits);
    const std::string street_id = padded("S", s + 1, street_digits);
    const std::string district_id = padded("D", d + 1, district_digits);
    const std::string dname = district_base_name(d);
    const Cell cell = cells[c];
    if (in_lake(cell.i - 1, cell.j) || in_lake(cell.i + 1, cell.j) || in_lake(cell.i, cell.j - 1) ||
        in_lake(cell.i, cell.j + 1))
      shore.push_back(grid_id);

    out += "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"" + grid_id +
           "\",\"grid_name\":\"Grid " + grid_id.substr(1) + "\",\"community_id\":\"" +
           community_id + "\",\"community_name\":\"Community " + community_id.substr(1) +
           "\",\"street_id\":\"" + street_id + "\",\"street_name\":\"" + dname + " Subdistrict " +
           street_id.substr(1) + "\",\"district_id\":\"" + district_id + "\",\"district_name\":\"" +
           dname + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    std::vector<Xy> ring = lattice.cell(cell.i, cell.j);
    ring.push_back(ring.front());
    append_ring(out, lattice, ring);
    out += "]]}}";
    out += c + 1 < cells.size() ? ",\n" : "\n";
  }
  out += "]}\n";

  // Companies are numbered densely in the order their first compound appears.
  std::vector<int> company_number(static_cast<std::size_t>(streets * p.companies_per_street), 0);
  int companies = 0;
  for (const CompoundSeed& seed : compound_seeds) {
    int& n = company_number[static_cast<std::size_t>(seed.company)];
    if (n == 0) n = ++companies;
  }
  const int compound_digits = digits_for(static_cast<int>(compound_seeds.size()), 4);
  const int company_digits = digits_for(companies, 4);
  auto company_unit = [&](int company) {
    return "property:" +
           padded("P", company_number[static_cast<std::size_t>(company)], company_digits);
  };
  std::string& q = city.compounds_geojson;
  q.reserve(compound_seeds.size() * 360);
  q += "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t n = 0; n < compound_seeds.size(); ++n) {
    const CompoundSeed& seed = compound_seeds[n];
    const Cell cell = cells[seed.cell];
    const std::string id = padded("Q", static_cast<int>(n) + 1, compound_digits);
    const std::string community_id = padded("C", community_of[seed.cell] + 1, community_digits);
    const Xy centre{cell.i + 0.5, cell.j + 0.5};
    if (n == 0) {
      const Xy ll = lattice.to_lonlat(centre);
      city.first_compound = id;
      city.first_compound_property = company_unit(seed.company);
      city.first_compound_lon = ll.x;
      city.first_compound_lat = ll.y;
    }
    if (seed.model) ++city.model_compounds;
    q += "{\"type\":\"Feature\",\"properties\":{\"compound_id\":\"" + id +
         "\",\"compound_name\":\"Compound " + id.substr(1) + "\",\"community_id\":\"" +
         community_id + "\",\"property_unit\":\"" + company_unit(seed.company) +
         "\",\"red_property\":" + (seed.model ? "true" : "false") +
         "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    const Xy corners[5] = {{centre.x - seed.half_w, centre.y - seed.half_h},
                           {centre.x + seed.half_w, centre.y - seed.half_h},
                           {centre.x + seed.half_w, centre.y + seed.half_h},
                           {centre.x - seed.half_w, centre.y + seed.half_h},
                           {centre.x - seed.half_w, centre.y - seed.half_h}};
    append_ring(q, lattice, corners);
    q += "]]}}";
    q += n + 1 < compound_seeds.size() ? ",\n" : "\n";
  }
  q += "]}\n";
  city.compounds = static_cast<int>(compound_seeds.size());
  city.property_companies = companies;

  std::string& y = city.units_yaml;
  y += "# Unit directory of the synthetic sample city (written by caseflow_citygen, seed " +
       std::to_string(p.seed) + ").\n";
  y += "# The unit of a place is its level's pattern ({id} = the place id) unless overridden.\n";
  y += "# Format: docs/geography.md.\n";
  y += "levels:\n  grid:\n    default: \"grid:{id}\"\n";
  if (!shore.empty()) {
    y += "    overrides:  # lake-shore grids are looked after by the scenic area office\n";
    for (const std::string& g : shore) y += "      " + g + ": \"scenic_area:lake\"\n";
  }
  y += "  community:\n    default: \"community:{id}\"\n";
  y += "  street:\n    default: \"street:{id}\"\n";
  y += "  district:\n    default: \"district:{id}\"\n";
  y += "units:\n  - id: dispatcher\n    name: \"12345 hotline dispatch centre\"\n";
  if (!shore.empty())
    y += "  - id: \"scenic_area:lake\"\n    name: \"Lake scenic area management office\"\n";
  if (companies > 0)
    y += "  # property-service companies (物业) of the residential compounds (compounds.geojson)\n";
  for (int n = 1; n <= companies; ++n) {
    const std::string code = padded("P", n, company_digits);
    y += "  - id: \"property:" + code + "\"\n    name: \"Property company " + code.substr(1) +
         "\"\n";
  }
  y += "departments:\n";
  for (const DepartmentSeed& dept : kDepartments) {
    y += "  - code: " + std::string(dept.code) + "\n    name: \"" + dept.name + "\"\n";
    y += "    unit: \"department:" + std::string(dept.code) + "\"\n";
    y += "    topic: caseflow.dept." + std::string(dept.code) + "\n";
  }
  return city;
}

}  // namespace caseflow::citygen
