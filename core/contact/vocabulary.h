// The words of a contact record (docs/contact-log.md): each an enum with one name table, the wire
// names. The browser module hands these tables to the widget, so its forms offer exactly what the
// core accepts.
#pragma once

#include "core/json/reader.h"

namespace fep::contact {

enum class Direction { school_to_family, family_to_school };
enum class Channel { phone, text, email, in_person, home_visit, conference, video, letter, app_message };
// `sent`: a written message went out (a message through the portal, a text, an email, a letter); nobody
// knows yet whether the family read it, so it never counts as reaching them.
enum class Outcome { reached, left_message, no_answer, wrong_number, scheduled, sent };
enum class Topic { attendance, academics, behaviour, health, positive_news, logistics, other };

inline constexpr json::NameTable<Direction, 2> kDirections{{"school_to_family", "family_to_school"}};
inline constexpr json::NameTable<Channel, 9> kChannels{
    {"phone", "text", "email", "in_person", "home_visit", "conference", "video", "letter", "app_message"}};
inline constexpr json::NameTable<Outcome, 6> kOutcomes{
    {"reached", "left_message", "no_answer", "wrong_number", "scheduled", "sent"}};

// Channels whose record is a message written and sent, not a conversation.
constexpr bool is_written(Channel channel) {
  return channel == Channel::text || channel == Channel::email || channel == Channel::letter ||
         channel == Channel::app_message;
}
inline constexpr json::NameTable<Topic, 7> kTopics{
    {"attendance", "academics", "behaviour", "health", "positive_news", "logistics", "other"}};

}  // namespace fep::contact
