#include "core/import/descriptors.h"

#include "core/import/files.h"
#include "core/json/json.h"

namespace fep::import {

std::optional<Descriptor> parse_descriptor(std::string_view uri) {
  const auto hash = uri.find('#');
  const auto slash = uri.rfind('/', hash);
  if (hash == std::string_view::npos || slash == std::string_view::npos || hash + 1 >= uri.size()) return std::nullopt;
  Descriptor descriptor;
  descriptor.type = std::string(uri.substr(slash + 1, hash - slash - 1));
  descriptor.code_value = std::string(uri.substr(hash + 1));
  descriptor.ed_fi = uri.substr(0, slash + 1) == "uri://ed-fi.org/";
  if (descriptor.type.empty()) return std::nullopt;
  return descriptor;
}

Result<DescriptorMap> DescriptorMap::load(const std::string& path) {
  DescriptorMap map;
  if (path.empty()) return map;
  const auto text = read_file(path);
  if (!text) return text.error();
  const auto json = json::parse_strict(*text);
  if (!json || !json->is_object())
    return Error{ErrorCode::malformed, path + ": expected a JSON object of URI: code value"};
  for (const auto& [uri, value] : json->items()) {
    if (!value.is_string() || !parse_descriptor(uri))
      return Error{ErrorCode::malformed, path + ": \"" + uri + "\" must be a descriptor URI with a string value"};
    map.district_.emplace(uri, value.get<std::string>());
  }
  return map;
}

std::optional<std::string> DescriptorMap::ed_fi_value(std::string_view uri) const {
  const auto descriptor = parse_descriptor(uri);
  if (!descriptor) return std::nullopt;
  if (const auto mapped = district_.find(uri); mapped != district_.end()) return mapped->second;
  if (descriptor->ed_fi) return descriptor->code_value;
  return std::nullopt;
}

}  // namespace fep::import
