// The store slices the admin commands use: acknowledgements (ack, unack), the outbox
// (upcoming, snooze, retry, status), feed tokens (feed-token) and the audit log. Plans and
// activities come from the DataSnapshot being served, never from the store directly.
#pragma once

#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/audit_log.hpp"
#include "calendar/store/feed_tokens.hpp"
#include "calendar/store/outbox.hpp"
#include "calendar/store/store.hpp"

namespace plancal::daemon {

struct AdminStores {
  calendar::AcknowledgementStore& acknowledgements;
  calendar::Outbox& outbox;
  calendar::FeedTokenStore& feed_tokens;
  calendar::AuditLog& audit_log;

  // The four slices of an opened store (for the wiring in main and in tests).
  static AdminStores of(calendar::Store& store) {
    return {store.acknowledgements(), store.outbox(), store.feed_tokens(), store.audit_log()};
  }
};

}  // namespace plancal::daemon
