// Ed-Fi descriptors arrive as URIs: "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence".
// Ed-Fi's own namespace maps by table (the code value is the Ed-Fi name); a district's namespace maps
// through its mapping file, URI by URI. Nothing is classified by substring: an unknown descriptor is
// reported, never guessed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fep::import {

struct Descriptor {
  std::string type;        // "AttendanceEventCategoryDescriptor"
  std::string code_value;  // "Excused Absence"
  bool ed_fi = false;      // in Ed-Fi's own namespace (uri://ed-fi.org/)
};

// The parts of a descriptor URI ("namespace/Type#Code value"); nullopt when it is not one.
std::optional<Descriptor> parse_descriptor(std::string_view uri);

class DescriptorMap {
 public:
  // A JSON object from a district's descriptor URI to the Ed-Fi code value it means:
  // {"uri://lincoln.k12.example/AttendanceEventCategoryDescriptor#Tardy-Bus": "Tardy"}.
  static Result<DescriptorMap> load(const std::string& path);

  // The Ed-Fi code value `uri` means: its own code value in Ed-Fi's namespace, the mapping file's
  // entry otherwise; nullopt when neither knows it (or it is not a descriptor URI at all).
  std::optional<std::string> ed_fi_value(std::string_view uri) const;

 private:
  std::map<std::string, std::string, std::less<>> district_;
};

}  // namespace fep::import
