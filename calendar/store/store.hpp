// The store: one database opened as a whole, handing out the slice each consumer needs —
// plans and activities, the reminder outbox, acknowledgements, feed tokens, the audit log,
// the units' own actions and the instances sharing the database — each an interface in
// domain terms (no SQL in them). A class receives the slices it uses, never the Store; only
// the wiring (plancald's main, plancalctl's commands) holds the Store, as opened by
// open_store() (calendar/backends/open_store.hpp). Every slice lives as long as the Store.
// Backend failures throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <string>

#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/audit_log.hpp"
#include "calendar/store/feed_tokens.hpp"
#include "calendar/store/instances.hpp"
#include "calendar/store/outbox.hpp"
#include "calendar/store/plan_store.hpp"
#include "calendar/store/store_error.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::calendar {

class Store {
 public:
  virtual ~Store() = default;

  virtual PlanStore& plans() = 0;
  virtual Outbox& outbox() = 0;
  virtual AcknowledgementStore& acknowledgements() = 0;
  virtual FeedTokenStore& feed_tokens() = 0;
  virtual AuditLog& audit_log() = 0;
  virtual UnitActionStore& unit_actions() = 0;
  virtual InstanceRegistry& instances() = 0;

  // The version of the backend's schema after its migrations ran.
  virtual int schema_version() = 0;
  // "sqlite" or "postgresql", for status output.
  virtual std::string backend_name() const = 0;
  // The database without secrets: a file path, or a URI without its password.
  virtual std::string location() const = 0;
  // The id this store claims reminders under (StoreOptions::instance_id).
  virtual const std::string& instance_id() const = 0;
};

}  // namespace plancal::calendar
