// The store slices the admin commands use: acknowledgements (ack, unack), the outbox
// (upcoming, snooze, retry, status), feed tokens (feed-token), the audit log and the units'
// actions (show, extensions, approve-extension, reject-extension). Plans and
// activities come from the DataSnapshot being served, never from the store directly.
#pragma once

#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/audit_log.hpp"
#include "calendar/store/feed_tokens.hpp"
#include "calendar/store/outbox.hpp"
#include "calendar/store/store.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::daemon {

struct AdminStores {
  calendar::AcknowledgementStore& acknowledgements;
  calendar::Outbox& outbox;
  calendar::FeedTokenStore& feed_tokens;
  calendar::AuditLog& audit_log;
  calendar::UnitActionStore& unit_actions;

  // The slices of an opened store (for the wiring in main and in tests).
  static AdminStores of(calendar::Store& store) {
    return {store.acknowledgements(), store.outbox(), store.feed_tokens(), store.audit_log(),
            store.unit_actions()};
  }
};

}  // namespace plancal::daemon
