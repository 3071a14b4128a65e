<?php

// The FeatureFlags Laravel package's side of the wire, in PHP, for the tests: Guzzle (Debian's
// php-guzzlehttp-guzzle) configured exactly as the package's ApiClient configures it (routes.md §2.0),
// and the package's documented local evaluation (§2.3) with PHP's own murmur3a, loose comparisons and
// float arithmetic, which are what a TypeScript model of it could get wrong.
//
//   php laravel-package-client.php sync <contexts.json>     evaluates every synced flag for each context
//   php laravel-package-client.php send <endpoint> <payload.json>   telemetry, conversions or errors
//
// FEATUREFLAGS_API_URL and FEATUREFLAGS_API_KEY configure it, as they configure the package. Prints JSON.

declare(strict_types=1);

require_once '/usr/share/php/GuzzleHttp/autoload.php';

use GuzzleHttp\Client;

function client(): Client
{
    return new Client([
        'base_uri' => rtrim((string) getenv('FEATUREFLAGS_API_URL'), '/') . '/',
        'timeout' => 5,
        'http_errors' => false,
        'headers' => [
            'Accept' => 'application/json',
            'Authorization' => 'Bearer ' . (string) getenv('FEATUREFLAGS_API_KEY'),
        ],
    ]);
}

function bucket(string $seed): int
{
    return hexdec(hash('murmur3a', $seed)) % 10000;
}

function holds(array $condition, array $context, string $flagKey, array $segments): bool
{
    if (($condition['type'] ?? 'trait') === 'segment') {
        $segment = $segments[$condition['segment'] ?? ''] ?? ['rules' => []];
        foreach ($segment['rules'] ?? [] as $rule) {
            if (allHold($rule['conditions'] ?? [], $context, $flagKey, $segments)) {
                return true;
            }
        }
        return false;
    }
    $actual = $context['traits'][$condition['trait'] ?? ''] ?? null;
    $expected = $condition['value'] ?? null;
    $strings = is_string($actual) && is_string($expected);
    $numbers = is_numeric($actual) && is_numeric($expected);
    return match ($condition['operator'] ?? '') {
        'equals' => $actual == $expected,
        'not_equals' => $actual != $expected,
        'contains' => $strings && str_contains($actual, $expected),
        'not_contains' => $strings && !str_contains($actual, $expected),
        'starts_with' => $strings && str_starts_with($actual, $expected),
        'ends_with' => $strings && str_ends_with($actual, $expected),
        'matches_regex' => $strings && @preg_match($expected, $actual) === 1,
        'gt' => $numbers && $actual > $expected,
        'gte' => $numbers && $actual >= $expected,
        'lt' => $numbers && $actual < $expected,
        'lte' => $numbers && $actual <= $expected,
        'in' => is_array($expected) && in_array($actual, $expected),
        'not_in' => is_array($expected) && !in_array($actual, $expected),
        'semver_gt' => $strings && version_compare($actual, $expected, '>'),
        'semver_gte' => $strings && version_compare($actual, $expected, '>='),
        'semver_lt' => $strings && version_compare($actual, $expected, '<'),
        'semver_lte' => $strings && version_compare($actual, $expected, '<='),
        'before_date' => $strings && strtotime($actual) < strtotime($expected),
        'after_date' => $strings && strtotime($actual) > strtotime($expected),
        'percentage_of' => $actual !== null && is_numeric($expected)
            && bucket($flagKey . ':' . (string) $actual) < $expected * 100,
        default => false,
    };
}

function allHold(array $conditions, array $context, string $flagKey, array $segments): bool
{
    foreach ($conditions as $condition) {
        if (!holds($condition, $context, $flagKey, $segments)) {
            return false;
        }
    }
    return true;
}

/** §2.3's order: disabled, dependencies, rules by priority, experiment, rollout. */
function evaluate(string $key, array $flags, array $segments, array $context, array $evaluating = []): mixed
{
    $flag = $flags[$key] ?? null;
    if ($flag === null || in_array($key, $evaluating, true)) {
        return null;
    }
    $default = $flag['default_value'] ?? null;
    if (!($flag['enabled'] ?? false)) {
        return $default;
    }
    foreach ($flag['dependencies'] ?? [] as $dependency) {
        $actual = evaluate($dependency['flag_key'], $flags, $segments, $context, [...$evaluating, $key]);
        if ($actual !== ($dependency['required_value'] ?? null)) {
            return $default;
        }
    }
    $rules = $flag['rules'] ?? [];
    $order = array_keys($rules);
    usort($order, fn ($a, $b) => [($rules[$a]['priority'] ?? 0), $a] <=> [($rules[$b]['priority'] ?? 0), $b]);
    foreach ($order as $index) {
        if (allHold($rules[$index]['conditions'] ?? [], $context, $key, $segments)) {
            return $rules[$index]['value'] ?? null;
        }
    }
    $variants = $flag['variants'] ?? [];
    $experiment = $flag['experiment'] ?? null;
    if ($variants && $experiment) {
        $traffic = $experiment['traffic_percentage'] ?? 100;
        if ($traffic >= 100 || bucket($key . ':experiment:' . $context['id']) < $traffic * 100) {
            $index = intdiv(bucket($key . ':variant:' . $context['id']), intdiv(10000, count($variants)));
            return $variants[min($index, count($variants) - 1)];
        }
    }
    $percentage = $flag['rollout_percentage'] ?? null;
    if ($percentage === null || $percentage >= 100) {
        return $default;
    }
    if ($percentage <= 0) {
        return false;
    }
    return bucket($key . $context['id']) < $percentage * 100 ? $default : false;
}

function sync(string $contextsFile): array
{
    $response = client()->get('flags');
    $data = json_decode((string) $response->getBody(), true);
    // What the package keeps of an answer: `flags` and `segments`, anything else is empty.
    $flags = array_column(is_array($data) ? ($data['flags'] ?? []) : [], null, 'key');
    $segments = array_column(is_array($data) ? ($data['segments'] ?? []) : [], null, 'key');
    $contexts = json_decode((string) file_get_contents($contextsFile), true);
    $values = [];
    foreach (array_keys($flags) as $key) {
        $values[$key] = array_map(fn ($context) => evaluate((string) $key, $flags, $segments, $context), $contexts);
    }
    return ['status' => $response->getStatusCode(), 'values' => $values];
}

function send(string $endpoint, string $payloadFile): array
{
    $payload = json_decode((string) file_get_contents($payloadFile), true);
    $response = client()->post($endpoint, ['json' => $payload]);
    return ['status' => $response->getStatusCode(), 'body' => json_decode((string) $response->getBody(), true)];
}

$result = match ($argv[1] ?? '') {
    'sync' => sync($argv[2]),
    'send' => send($argv[2], $argv[3]),
    default => ['error' => 'usage: sync <contexts.json> | send <endpoint> <payload.json>'],
};
echo json_encode($result, JSON_PRESERVE_ZERO_FRACTION), "\n";
