{#- An erasure request whose identifier matches no record (a typo, a phone of another country
    written in national form, or a person not in the data) erases nothing: warn, naming the
    request, so the data-protection team can check it. -#}
{{ config(severity='warn') }}

select
    erasure_requests.request_id,
    erasure_requests.identifier_type
from {{ ref('erasure_requests') }} as erasure_requests
where erasure_requests.request_id not in (
    select erased.request_id
    from {{ ref('int_erased_identifiers') }} as erased
    where erased.customer_id is not null
)
