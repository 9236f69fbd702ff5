#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, records ended by
// CRLF, a field quoted when it holds a comma, a quote or a line break, and a
// quote inside one doubled. What finance tools open as is.

#include <string>
#include <string_view>
#include <vector>

namespace core {

void append_csv_field(std::string& out, std::string_view field);
// The fields as one record, CRLF included.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

}  // namespace core
