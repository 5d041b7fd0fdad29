// An Outbox that forwards to a real one but refuses to record delivery outcomes (mark_sent,
// mark_retry, mark_failed throw StoreError) while `refuse_outcomes` is above zero, and to
// re-plan while `refuse_replans` is, counting each down: a disk that is full for a while,
// for the reminder service's tests. `replans` counts the replan() calls.
#pragma once

#include "calendar/store/outbox.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::testing {

class FailingOutbox final : public calendar::Outbox {
 public:
  explicit FailingOutbox(calendar::Outbox& real) : real_(real) {}

  int refuse_outcomes = 0;
  int refuse_replans = 0;
  int replans = 0;

  calendar::ReplanResult replan(const std::vector<calendar::PlannedReminder>& planned,
                                calendar::TimePoint now) override {
    ++replans;
    if (refuse_replans > 0) {
      --refuse_replans;
      throw calendar::StoreError("database or disk is full");
    }
    return real_.replan(planned, now);
  }
  std::optional<calendar::TimePoint> next_due() override { return real_.next_due(); }
  std::vector<calendar::OutboxEntry> claim_due(calendar::TimePoint now, int limit,
                                               std::chrono::seconds lease) override {
    return real_.claim_due(now, limit, lease);
  }
  int renew_claims(const std::vector<std::string>& keys, calendar::TimePoint now,
                   std::chrono::seconds lease) override {
    return real_.renew_claims(keys, now, lease);
  }
  bool mark_sent(std::string_view key, calendar::TimePoint now) override {
    refuse();
    return real_.mark_sent(key, now);
  }
  bool mark_retry(std::string_view key, std::string_view error, calendar::TimePoint next,
                  calendar::TimePoint now) override {
    refuse();
    return real_.mark_retry(key, error, next, now);
  }
  bool mark_failed(std::string_view key, std::string_view error, calendar::TimePoint now) override {
    refuse();
    return real_.mark_failed(key, error, now);
  }
  bool mark_skipped(std::string_view key, std::string_view reason,
                    calendar::TimePoint now) override {
    return real_.mark_skipped(key, reason, now);
  }
  int recover_in_flight(calendar::TimePoint now) override { return real_.recover_in_flight(now); }
  int reclaim_expired(calendar::TimePoint now) override { return real_.reclaim_expired(now); }
  bool snooze(std::string_view key, calendar::TimePoint until, calendar::TimePoint now) override {
    return real_.snooze(key, until, now);
  }
  int retry_failed(const calendar::OutboxFilter& filter, calendar::TimePoint now) override {
    return real_.retry_failed(filter, now);
  }
  std::vector<calendar::OutboxEntry> list(const calendar::OutboxFilter& filter) override {
    return real_.list(filter);
  }
  std::optional<calendar::OutboxEntry> find(std::string_view key) override {
    return real_.find(key);
  }
  calendar::OutboxCounts counts() override { return real_.counts(); }
  std::optional<calendar::OutboxError> last_error() override { return real_.last_error(); }
  std::optional<calendar::TimePoint> last_planned_at() override { return real_.last_planned_at(); }
  void set_last_planned_at(calendar::TimePoint t) override { real_.set_last_planned_at(t); }

 private:
  void refuse() {
    if (refuse_outcomes > 0) {
      --refuse_outcomes;
      throw calendar::StoreError("database or disk is full (test)");
    }
  }

  calendar::Outbox& real_;
};

}  // namespace plancal::testing
